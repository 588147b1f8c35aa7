import type { BaselineTopic } from '../types.ts';

export const identityAuthenticationTopic: BaselineTopic = {
  id: 'BB-IAM',
  code: 'IAM',
  title: {
    de: 'Identitäten, Berechtigungen und Anmeldung',
    en: 'Identities, permissions and authentication',
  },
  rationale: {
    de: 'Gestohlene oder zu weit reichende Zugangsdaten sind der häufigste Weg ins Verwaltungsnetz, deshalb müssen Konten, Rechte und Anmeldeverfahren geordnet und kontrolliert sein.',
    en: 'Stolen or overly broad credentials are the most common way into an administration’s network, so accounts, permissions and sign-in methods must be orderly and controlled.',
  },
  requirements: [
    {
      id: 'BB-IAM-01',
      question: {
        de: 'Gibt es einen geregelten Ablauf, nach dem Benutzerkonten nur auf Antrag der oder des Vorgesetzten eingerichtet werden?',
        en: 'Is there a defined procedure under which user accounts are only created at the request of the line manager?',
      },
      guidance: {
        de: 'Ja heißt: Ein Antragsformular oder Ticket mit Genehmigung liegt für jedes Konto vor, und die IT richtet ohne Antrag keine Konten ein. Stichprobe: für drei neue Konten den Antrag vorlegen lassen.',
        en: 'Yes means: an application form or ticket with approval exists for every account, and IT does not create accounts without one. Spot check: ask for the application for three new accounts.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.4.A1'], grundschutzPlusPlus: ['BER.1.1', 'BER.3.2'] },
      measures: [
        {
          id: 'BB-IAM-01-M1',
          type: 'organisational',
          title: { de: 'Antragsverfahren für Konten', en: 'Account request procedure' },
          description: {
            de: 'Formular oder Ticketvorlage für Einrichtung, Änderung und Löschung von Konten einführen und verbindlich machen.',
            en: 'Introduce a form or ticket template for creating, changing and deleting accounts and make it mandatory.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-02',
      question: {
        de: 'Arbeitet jede Person mit einem eigenen, persönlichen Konto statt mit gemeinsam genutzten Sammelkonten?',
        en: 'Does every person work with their own personal account instead of shared group accounts?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt keine gemeinsam genutzten Anmeldekonten für Arbeitsplätze oder Fachverfahren; unvermeidbare Ausnahmen (z. B. Info-Terminal) sind dokumentiert und eingeschränkt. Prüfen Sie die Kontenliste auf Namen wie „buergerbuero“ oder „kasse“.',
        en: 'Yes means: there are no shared sign-in accounts for workstations or specialised applications; unavoidable exceptions (e.g. an information kiosk) are documented and restricted. Check the account list for names like “citizensoffice” or “treasury”.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.4.A9'], grundschutzPlusPlus: ['BER.3.5', 'BER.3.16', 'BER.2.1'] },
      measures: [
        {
          id: 'BB-IAM-02-M1',
          type: 'technical',
          title: { de: 'Sammelkonten ablösen', en: 'Replace shared accounts' },
          description: {
            de: 'Sammelkonten ermitteln, durch persönliche Konten ersetzen und verbleibende Ausnahmen technisch einschränken.',
            en: 'Identify shared accounts, replace them with personal accounts and technically restrict the remaining exceptions.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-03',
      question: {
        de: 'Erhalten Beschäftigte nur die Zugriffsrechte, die sie für ihre Aufgaben brauchen, zum Beispiel über Rollen je Sachgebiet?',
        en: 'Do staff receive only the access rights they need for their tasks, for example through roles per unit?',
      },
      guidance: {
        de: 'Ja heißt: Rechte auf Netzlaufwerke und in Fachverfahren werden über Gruppen oder Rollen vergeben, und niemand hat pauschal Vollzugriff auf alle Ablagen. Stichprobe: Rechte auf das Laufwerk des Personalamts prüfen.',
        en: 'Yes means: rights on file shares and in specialised applications are granted via groups or roles, and nobody has blanket full access to all storage locations. Spot check: review the rights on the HR department’s share.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['ORP.4.A2', 'ORP.4.A7'],
        grundschutzPlusPlus: ['BER.4.1', 'BER.4.1.1', 'KONF.6.2'],
      },
      measures: [
        {
          id: 'BB-IAM-03-M1',
          type: 'technical',
          title: { de: 'Rollenbasierte Rechte einführen', en: 'Introduce role-based rights' },
          description: {
            de: 'Rollen je Sachgebiet definieren, Rechte auf Gruppen umstellen und Direktberechtigungen entfernen.',
            en: 'Define roles per unit, move rights to groups and remove direct permissions.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-04',
      question: {
        de: 'Ist dokumentiert, welche Konten es gibt und welche Rechte ihnen zugeordnet sind?',
        en: 'Is it documented which accounts exist and which rights are assigned to them?',
      },
      guidance: {
        de: 'Ja heißt: Eine aktuelle Übersicht (Export aus dem Verzeichnisdienst und den Fachverfahren oder Berechtigungsmatrix) liegt vor und wird bei Änderungen fortgeschrieben.',
        en: 'Yes means: an up-to-date overview (export from the directory service and specialised applications, or a permission matrix) exists and is updated whenever changes are made.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.4.A3'], grundschutzPlusPlus: ['BER.1.4', 'BER.4.3'] },
      measures: [
        {
          id: 'BB-IAM-04-M1',
          type: 'technical',
          title: { de: 'Berechtigungsübersicht erzeugen', en: 'Generate a permission overview' },
          description: {
            de: 'Konten und Gruppenmitgliedschaften regelmäßig automatisiert exportieren und als Übersicht ablegen.',
            en: 'Export accounts and group memberships automatically on a regular basis and file them as an overview.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-05',
      question: {
        de: 'Werden Konten und Rechte beim Ausscheiden oder Wechsel einer Person spätestens am letzten Arbeitstag gesperrt bzw. angepasst?',
        en: 'Are accounts and rights disabled or adjusted no later than the last working day when a person leaves or changes role?',
      },
      guidance: {
        de: 'Ja heißt: Das Personalamt meldet Austritte und Wechsel verbindlich an die IT, und die Sperrung wird dokumentiert. Prüfen Sie, ob Konten ausgeschiedener Personen noch aktiv sind (Abgleich mit der Personalliste).',
        en: 'Yes means: HR reliably notifies IT of departures and role changes, and disabling is documented. Check whether accounts of people who have left are still active (compare with the staff list).',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['ORP.2.A2', 'ORP.4.A1'],
        grundschutzPlusPlus: ['BER.2.5', 'PERS.6.1.1', 'BER.3.9'],
      },
      measures: [
        {
          id: 'BB-IAM-05-M1',
          type: 'organisational',
          title: { de: 'Austrittsprozess mit IT verknüpfen', en: 'Link the leaver process to IT' },
          description: {
            de: 'Meldepflicht des Personalamts an die IT festlegen und eine Checkliste für Austritt und Wechsel einführen.',
            en: 'Establish HR’s duty to notify IT and introduce a checklist for leavers and movers.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-06',
      question: {
        de: 'Werden vergebene Berechtigungen mindestens einmal im Jahr von den Vorgesetzten überprüft?',
        en: 'Are assigned permissions reviewed by line managers at least once a year?',
      },
      guidance: {
        de: 'Ja heißt: Die Vorgesetzten erhalten eine Liste der Rechte ihrer Beschäftigten, bestätigen oder korrigieren sie, und die Rückmeldungen werden umgesetzt und aufbewahrt.',
        en: 'Yes means: line managers receive a list of their staff’s rights, confirm or correct them, and the responses are implemented and kept.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BER.4.4', 'BER.4.4.1'] },
      measures: [
        {
          id: 'BB-IAM-06-M1',
          type: 'organisational',
          title: { de: 'Jährliche Rechteüberprüfung', en: 'Annual access review' },
          description: {
            de: 'Rechtelisten je Amt erzeugen, zur Bestätigung versenden und Korrekturen nachhalten.',
            en: 'Produce rights lists per department, send them for confirmation and follow up on corrections.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-07',
      question: {
        de: 'Gibt es verbindliche Regeln für Passwörter, die lange Passwörter verlangen und auf unnötige regelmäßige Wechsel verzichten?',
        en: 'Are there binding password rules that require long passwords and avoid unnecessary periodic changes?',
      },
      guidance: {
        de: 'Ja heißt: Die Regel verlangt eine angemessene Mindestlänge (als Orientierung mindestens 12 Zeichen für normale Konten), verbietet Wiederverwendung und sieht einen Wechsel nur bei Anlass vor, etwa bei Verdacht auf Kompromittierung.',
        en: 'Yes means: the rule requires an adequate minimum length (as a guide at least 12 characters for normal accounts), forbids reuse and requires a change only when there is cause, e.g. suspected compromise.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.4.A8', 'ORP.4.A22'], grundschutzPlusPlus: ['BER.6.4', 'BER.6.5'] },
      measures: [
        {
          id: 'BB-IAM-07-M1',
          type: 'organisational',
          title: { de: 'Passwortregel aktualisieren', en: 'Update the password rule' },
          description: {
            de: 'Passwortregel an aktuelle Empfehlungen anpassen und in der Dienstanweisung veröffentlichen.',
            en: 'Bring the password rule in line with current recommendations and publish it in the service instruction.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-08',
      question: {
        de: 'Sind die Passwortregeln technisch durchgesetzt, einschließlich einer Sperre nach mehreren Fehlversuchen?',
        en: 'Are the password rules technically enforced, including a lockout after several failed attempts?',
      },
      guidance: {
        de: 'Ja heißt: Mindestlänge, Sperre nach Fehlversuchen und möglichst eine Prüfung gegen bekannte schwache Passwörter sind im Verzeichnisdienst und in Fachverfahren eingestellt. Nachweis: Auszug der Kennwortrichtlinie.',
        en: 'Yes means: minimum length, lockout after failed attempts and, where possible, a check against known weak passwords are configured in the directory service and specialised applications. Evidence: extract of the password policy.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.4.A23'], grundschutzPlusPlus: ['BER.3.10', 'BER.3.11', 'BER.6.3'] },
      measures: [
        {
          id: 'BB-IAM-08-M1',
          type: 'technical',
          title: {
            de: 'Kennwortrichtlinie technisch umsetzen',
            en: 'Enforce the password policy technically',
          },
          description: {
            de: 'Kennwortrichtlinie und Kontosperre im Verzeichnisdienst und in Fachverfahren einstellen und dokumentieren.',
            en: 'Configure the password policy and account lockout in the directory service and specialised applications and document them.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-09',
      question: {
        de: 'Werden voreingestellte Standardpasswörter von Geräten und Anwendungen vor der Inbetriebnahme geändert?',
        en: 'Are default passwords of devices and applications changed before they are put into operation?',
      },
      guidance: {
        de: 'Ja heißt: Eine Inbetriebnahme-Checkliste enthält den Schritt, und für Router, Switches, Drucker, USV und Telefonanlage sind keine Werkspasswörter mehr aktiv. Stichprobe an zwei Geräten.',
        en: 'Yes means: a commissioning checklist includes this step, and no factory passwords remain active on routers, switches, printers, UPS units and the phone system. Spot check two devices.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.2.3', 'KONF.10.3', 'BER.5.6'] },
      measures: [
        {
          id: 'BB-IAM-09-M1',
          type: 'technical',
          title: { de: 'Standardpasswörter ersetzen', en: 'Replace default passwords' },
          description: {
            de: 'Alle Geräte auf Werkspasswörter prüfen, individuelle Passwörter setzen und im Passwortspeicher hinterlegen.',
            en: 'Check all devices for factory passwords, set individual passwords and store them in the password vault.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-10',
      question: {
        de: 'Steht den Beschäftigten ein freigegebener Passwortmanager zur Verfügung?',
        en: 'Do staff have access to an approved password manager?',
      },
      guidance: {
        de: 'Ja heißt: Ein geprüfter Passwortmanager ist installiert oder bereitgestellt, seine Nutzung ist geregelt, und Passwortlisten in Tabellen oder auf Papier werden nicht mehr verwendet.',
        en: 'Yes means: a vetted password manager is installed or provided, its use is regulated, and password lists in spreadsheets or on paper are no longer used.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BER.6.1', 'SENS.4.1.4'] },
      measures: [
        {
          id: 'BB-IAM-10-M1',
          type: 'technical',
          title: { de: 'Passwortmanager bereitstellen', en: 'Provide a password manager' },
          description: {
            de: 'Passwortmanager auswählen, verteilen und eine kurze Einweisung für die Beschäftigten anbieten.',
            en: 'Select and roll out a password manager and offer staff a short introduction.',
          },
        },
        {
          id: 'BB-IAM-10-M2',
          type: 'training',
          title: { de: 'Einweisung Passwortmanager', en: 'Password manager introduction' },
          description: {
            de: 'Kurze Einweisung in Bedienung, Master-Passwort und Wiederherstellung für alle Beschäftigten.',
            en: 'Short introduction to use, master password and recovery for all staff.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-11',
      question: {
        de: 'Ist für Zugänge aus dem Internet (z. B. Fernzugriff, Webmail, Cloud-Dienste) eine Anmeldung mit zweitem Faktor eingerichtet?',
        en: 'Is sign-in with a second factor set up for access from the internet (e.g. remote access, webmail, cloud services)?',
      },
      guidance: {
        de: 'Ja heißt: Alle aus dem Internet erreichbaren Anmeldungen verlangen neben dem Passwort einen zweiten Faktor (App, Token, Smartcard); möglichst phishing-resistente Verfahren. Prüfen Sie die Liste der externen Zugänge.',
        en: 'Yes means: every sign-in reachable from the internet requires a second factor besides the password (app, token, smart card); phishing-resistant methods where possible. Check the list of external access points.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.4.A21'], grundschutzPlusPlus: ['BER.5.8', 'DLS.2.1'] },
      measures: [
        {
          id: 'BB-IAM-11-M1',
          type: 'technical',
          title: { de: 'Mehr-Faktor-Anmeldung einführen', en: 'Introduce multi-factor sign-in' },
          description: {
            de: 'Externe Zugänge erfassen und für jeden einen zweiten Faktor aktivieren, beginnend mit Fernzugriff und Webmail.',
            en: 'List external access points and enable a second factor for each, starting with remote access and webmail.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-12',
      question: {
        de: 'Werden Passwörter nur nach zuverlässiger Prüfung der Identität zurückgesetzt, etwa per Rückruf oder persönlich?',
        en: 'Are passwords only reset after the person’s identity has been reliably verified, e.g. by call-back or in person?',
      },
      guidance: {
        de: 'Ja heißt: Der Service-Desk hat eine schriftliche Regel zur Identitätsprüfung, und das neue Passwort muss bei der ersten Anmeldung geändert werden. Anfragen per E-Mail allein genügen nicht.',
        en: 'Yes means: the service desk has a written rule for identity verification, and the new password must be changed at first sign-in. A request by e-mail alone is not sufficient.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['ORP.4.A11'], grundschutzPlusPlus: ['BER.5.2', 'BER.5.13'] },
      measures: [
        {
          id: 'BB-IAM-12-M1',
          type: 'organisational',
          title: { de: 'Regel für Passwort-Rücksetzung', en: 'Rule for password resets' },
          description: {
            de: 'Verfahren zur Identitätsprüfung beim Zurücksetzen festlegen und dem Service-Desk bekannt machen.',
            en: 'Define an identity verification procedure for resets and make it known to the service desk.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-13',
      question: {
        de: 'Sind technische Dienst- und Funktionskonten erfasst, mit eigenen starken Passwörtern versehen und nicht für interaktive Anmeldungen nutzbar?',
        en: 'Are technical service and function accounts recorded, given their own strong passwords and prevented from interactive sign-in?',
      },
      guidance: {
        de: 'Ja heißt: Eine Liste nennt jedes Dienstkonto mit Zweck und verantwortlicher Person; die Konten haben nur die nötigen Rechte. Häufige Schwachstelle: Dienstkonten von Fachverfahren mit Domänen-Administratorrechten.',
        en: 'Yes means: a list names every service account with its purpose and responsible person; the accounts have only the rights they need. A common weakness: service accounts of specialised applications with domain administrator rights.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BER.3.21', 'BER.4.1'] },
      measures: [
        {
          id: 'BB-IAM-13-M1',
          type: 'technical',
          title: { de: 'Dienstkonten bereinigen', en: 'Clean up service accounts' },
          description: {
            de: 'Dienstkonten inventarisieren, Rechte reduzieren, interaktive Anmeldung sperren und Passwörter erneuern.',
            en: 'Inventory service accounts, reduce rights, block interactive sign-in and renew passwords.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-14',
      question: {
        de: 'Werden Benutzerkonten zentral verwaltet, zum Beispiel in einem Verzeichnisdienst, statt auf jedem Gerät einzeln?',
        en: 'Are user accounts managed centrally, for example in a directory service, instead of separately on each device?',
      },
      guidance: {
        de: 'Ja heißt: Arbeitsplätze und möglichst viele Fachverfahren nutzen eine zentrale Anmeldung; lokale Konten sind auf das Nötigste beschränkt. Prüfen Sie, wie viele Anwendungen noch eigene Kennungen verlangen.',
        en: 'Yes means: workstations and as many specialised applications as possible use central sign-in; local accounts are kept to the minimum. Check how many applications still require their own credentials.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.4.A18'], grundschutzPlusPlus: ['BER.3.1', 'BER.3.7', 'KONF.4.1'] },
      measures: [
        {
          id: 'BB-IAM-14-M1',
          type: 'technical',
          title: { de: 'Zentrale Kontenverwaltung ausbauen', en: 'Extend central account management' },
          description: {
            de: 'Anwendungen mit eigener Kontenverwaltung ermitteln und schrittweise an den zentralen Verzeichnisdienst anbinden.',
            en: 'Identify applications with their own account management and connect them step by step to the central directory service.',
          },
        },
      ],
    },
    {
      id: 'BB-IAM-15',
      question: {
        de: 'Ist festgelegt, was bei einem Verdacht auf kompromittierte Zugangsdaten zu tun ist, etwa sofortige Sperrung und Passwortwechsel?',
        en: 'Is it defined what to do when credentials are suspected to be compromised, such as immediate blocking and a password change?',
      },
      guidance: {
        de: 'Ja heißt: Der Ablauf ist beschrieben, die IT kann Konten und Sitzungen kurzfristig sperren, und Hinweise aus Warnmeldungen zu geleakten Zugangsdaten werden ausgewertet.',
        en: 'Yes means: the procedure is described, IT can block accounts and sessions at short notice, and notices about leaked credentials in security warnings are evaluated.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BER.5.14', 'BER.6.6'] },
      measures: [
        {
          id: 'BB-IAM-15-M1',
          type: 'organisational',
          title: {
            de: 'Ablauf bei kompromittierten Zugangsdaten',
            en: 'Procedure for compromised credentials',
          },
          description: {
            de: 'Schritte für Sperrung, Passwortwechsel, Sitzungsabbruch und Nachkontrolle beschreiben und mit der IT üben.',
            en: 'Describe the steps for blocking, password change, session termination and follow-up checks, and rehearse them with IT.',
          },
        },
      ],
    },
  ],
};
