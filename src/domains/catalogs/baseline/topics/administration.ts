import type { BaselineTopic } from '../types.ts';

export const administrationTopic: BaselineTopic = {
  id: 'BB-ADM',
  code: 'ADM',
  title: {
    de: 'Administration und privilegierte Zugänge',
    en: 'Administration and privileged access',
  },
  rationale: {
    de: 'Wer Administratorrechte erbeutet, kontrolliert die gesamte Verwaltungs-IT, daher brauchen privilegierte Konten und administrative Tätigkeiten besonderen Schutz und Nachvollziehbarkeit.',
    en: 'Whoever captures administrator rights controls the entire administrative IT, so privileged accounts and administrative activities need special protection and traceability.',
  },
  requirements: [
    {
      id: 'BB-ADM-01',
      question: {
        de: 'Nutzen die Administratorinnen und Administratoren für administrative Aufgaben getrennte Konten und für die tägliche Arbeit normale Benutzerkonten?',
        en: 'Do administrators use separate accounts for administrative tasks and normal user accounts for everyday work?',
      },
      guidance: {
        de: 'Ja heißt: Jede administrierende Person hat mindestens ein Alltagskonto ohne Sonderrechte und ein getrenntes Administrationskonto, das am Namen erkennbar ist. Prüfen Sie die Mitglieder der Administratorgruppen.',
        en: 'Yes means: every administrator has at least one everyday account without special rights and a separate administration account that is recognisable by its name. Check the members of the administrator groups.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A22', 'ORP.4.A10'], grundschutzPlusPlus: ['BER.3.6'] },
      measures: [
        {
          id: 'BB-ADM-01-M1',
          type: 'technical',
          title: { de: 'Administrationskonten trennen', en: 'Separate administration accounts' },
          description: {
            de: 'Für jede administrierende Person ein eigenes Administrationskonto anlegen und Sonderrechte vom Alltagskonto entfernen.',
            en: 'Create a dedicated administration account for each administrator and remove special rights from the everyday account.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-02',
      question: {
        de: 'Ist der Kreis der Personen mit Administratorrechten auf das notwendige Minimum beschränkt und in einer Liste erfasst?',
        en: 'Is the group of people with administrator rights limited to the necessary minimum and recorded in a list?',
      },
      guidance: {
        de: 'Ja heißt: Eine aktuelle Liste nennt alle Administrationskonten (auch von Dienstleistern) mit Zweck; die Zahl der Domänen-Administratoren ist klein. Vergleichen Sie die Liste mit der tatsächlichen Gruppenmitgliedschaft.',
        en: 'Yes means: an up-to-date list names all administration accounts (including those of service providers) with their purpose; the number of domain administrators is small. Compare the list with actual group membership.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A21'], grundschutzPlusPlus: ['BER.4.1', 'KONF.6.4'] },
      measures: [
        {
          id: 'BB-ADM-02-M1',
          type: 'organisational',
          title: { de: 'Liste privilegierter Konten', en: 'List of privileged accounts' },
          description: {
            de: 'Alle privilegierten Konten erfassen, nicht benötigte entfernen und die Liste halbjährlich prüfen.',
            en: 'Record all privileged accounts, remove those not needed and review the list every six months.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-03',
      question: {
        de: 'Arbeiten die Beschäftigten an ihren Arbeitsplatzrechnern ohne lokale Administratorrechte?',
        en: 'Do staff work on their workstations without local administrator rights?',
      },
      guidance: {
        de: 'Ja heißt: Normale Benutzerkonten sind nicht Mitglied der lokalen Administratorgruppe; Ausnahmen sind begründet und befristet. Prüfen Sie die lokale Gruppe an einigen Arbeitsplätzen oder per zentralem Bericht.',
        en: 'Yes means: normal user accounts are not members of the local administrators group; exceptions are justified and time-limited. Check the local group on a few workstations or via a central report.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.6.4', 'KONF.7.9'] },
      measures: [
        {
          id: 'BB-ADM-03-M1',
          type: 'technical',
          title: { de: 'Lokale Administratorrechte entziehen', en: 'Remove local administrator rights' },
          description: {
            de: 'Lokale Administratorgruppen zentral steuern, Benutzerkonten entfernen und ein einzigartiges lokales Administratorpasswort je Gerät verwalten lassen.',
            en: 'Control local administrator groups centrally, remove user accounts and have a unique local administrator password managed per device.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-04',
      question: {
        de: 'Ist für Administrationszugänge eine Anmeldung mit zweitem Faktor eingerichtet?',
        en: 'Is sign-in with a second factor set up for administrative access?',
      },
      guidance: {
        de: 'Ja heißt: Anmeldungen mit Administrationskonten an Servern, Firewalls und Verwaltungsoberflächen (auch Cloud-Portalen) verlangen einen zweiten Faktor. Nachweis: Konfiguration oder Testanmeldung.',
        en: 'Yes means: sign-ins with administration accounts to servers, firewalls and management consoles (including cloud portals) require a second factor. Evidence: configuration or a test sign-in.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.2.A16', 'ORP.4.A10'], grundschutzPlusPlus: ['BER.5.9'] },
      measures: [
        {
          id: 'BB-ADM-04-M1',
          type: 'technical',
          title: { de: 'Zweiter Faktor für Administration', en: 'Second factor for administration' },
          description: {
            de: 'Mehr-Faktor-Anmeldung für alle Administrationskonten aktivieren, beginnend mit Cloud-Portalen und Fernzugängen.',
            en: 'Enable multi-factor sign-in for all administration accounts, starting with cloud portals and remote access.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-05',
      question: {
        de: 'Wird nur von dafür vorgesehenen, besonders geschützten Geräten oder aus einem getrennten Verwaltungsnetz administriert?',
        en: 'Is administration carried out only from designated, specially protected devices or from a separate management network?',
      },
      guidance: {
        de: 'Ja heißt: Verwaltungsoberflächen von Servern, Netzkomponenten und Hypervisoren sind nur von Administrationsrechnern oder Sprungservern erreichbar, auf denen weder E-Mail noch Internet genutzt wird.',
        en: 'Yes means: the management interfaces of servers, network devices and hypervisors can only be reached from administration workstations or jump servers that are not used for e-mail or browsing.',
      },
      level: 'standard',
      effort: 'high',
      references: {
        itGrundschutz: ['OPS.1.1.2.A16'],
        grundschutzPlusPlus: ['ARCH.2.2.7', 'ARCH.2.2.12', 'ARCH.5.1.6'],
      },
      measures: [
        {
          id: 'BB-ADM-05-M1',
          type: 'technical',
          title: { de: 'Administrationsnetz einrichten', en: 'Set up a management network' },
          description: {
            de: 'Verwaltungsschnittstellen in ein eigenes Netzsegment verlegen und den Zugriff auf Administrationsrechner beschränken.',
            en: 'Move management interfaces into a dedicated network segment and restrict access to administration workstations.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-06',
      question: {
        de: 'Ist nachvollziehbar, wer wann welche administrativen Änderungen vorgenommen hat?',
        en: 'Can it be traced who made which administrative changes and when?',
      },
      guidance: {
        de: 'Ja heißt: Anmeldungen mit Administrationskonten werden protokolliert und wesentliche Änderungen in einem Betriebsbuch oder Ticketsystem dokumentiert. Stichprobe: die letzte Firewall-Änderung nachverfolgen.',
        en: 'Yes means: sign-ins with administration accounts are logged and significant changes are documented in an operations log or ticket system. Spot check: trace the last firewall change.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['OPS.1.1.2.A5', 'OPS.1.1.2.A11'],
        grundschutzPlusPlus: ['DET.3.1.8', 'TEST.2.1'],
      },
      measures: [
        {
          id: 'BB-ADM-06-M1',
          type: 'organisational',
          title: { de: 'Änderungen dokumentieren', en: 'Document changes' },
          description: {
            de: 'Betriebsbuch oder Ticketsystem für administrative Änderungen verbindlich einführen und Administrationsanmeldungen protokollieren.',
            en: 'Make an operations log or ticket system mandatory for administrative changes and log administrative sign-ins.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-07',
      question: {
        de: 'Sind Protokolle administrativer Tätigkeiten so gespeichert, dass die Administrierenden sie nicht unbemerkt ändern oder löschen können?',
        en: 'Are logs of administrative activities stored so that administrators cannot change or delete them unnoticed?',
      },
      guidance: {
        de: 'Ja heißt: Protokolle werden auf ein getrenntes System übertragen, auf das die Administrierenden keinen Schreibzugriff haben, oder sind technisch gegen Änderung geschützt.',
        en: 'Yes means: logs are forwarded to a separate system on which administrators have no write access, or are technically protected against modification.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.2.A28'], grundschutzPlusPlus: ['DET.3.5'] },
      measures: [
        {
          id: 'BB-ADM-07-M1',
          type: 'technical',
          title: { de: 'Protokolle schützen', en: 'Protect logs' },
          description: {
            de: 'Protokolle an einen zentralen Protokollserver mit getrennter Rechteverwaltung weiterleiten.',
            en: 'Forward logs to a central log server with separate rights management.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-08',
      question: {
        de: 'Kann jede Administrationsaufgabe auch im Urlaub oder Krankheitsfall von einer zweiten Person mit eigenem Konto erledigt werden?',
        en: 'Can every administrative task also be performed by a second person with their own account during holidays or illness?',
      },
      guidance: {
        de: 'Ja heißt: Für jede Aufgabe ist eine Vertretung benannt, die über eigene Zugänge und das nötige Wissen verfügt; gemeinsame Passwörter werden dafür nicht weitergegeben. Auch Dienstleister können Vertretung sein, wenn das vertraglich geregelt ist.',
        en: 'Yes means: each task has a named deputy with their own access and the necessary knowledge; shared passwords are not handed over for this. A service provider can act as deputy if this is contractually agreed.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A2'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ADM-08-M1',
          type: 'organisational',
          title: { de: 'Vertretung für Administration', en: 'Deputies for administration' },
          description: {
            de: 'Vertretungen je Administrationsaufgabe benennen, eigene Zugänge einrichten und Betriebsdokumentation bereitstellen.',
            en: 'Name deputies for each administrative task, set up their own access and provide operational documentation.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-09',
      question: {
        de: 'Werden einer Person, die keine Administrationsaufgaben mehr hat, sofort alle privilegierten Rechte entzogen und ihr bekannte Passwörter geändert?',
        en: 'When a person no longer has administrative tasks, are all their privileged rights withdrawn immediately and passwords known to them changed?',
      },
      guidance: {
        de: 'Ja heißt: Eine Checkliste regelt Entzug von Konten, Schlüsseln, Token und den Wechsel gemeinsam bekannter Passwörter (z. B. Notfallkonten, Gerätepasswörter). Das gilt auch beim Wechsel des IT-Dienstleisters.',
        en: 'Yes means: a checklist covers the withdrawal of accounts, keys and tokens and the change of commonly known passwords (e.g. emergency accounts, device passwords). This also applies when the IT service provider changes.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A4'], grundschutzPlusPlus: ['BER.3.19', 'PERS.6.1.1'] },
      measures: [
        {
          id: 'BB-ADM-09-M1',
          type: 'organisational',
          title: {
            de: 'Checkliste Rechteentzug Administration',
            en: 'Checklist for revoking administrative rights',
          },
          description: {
            de: 'Checkliste für das Ende von Administrationsaufgaben erstellen, einschließlich Wechsel aller bekannten Passwörter.',
            en: 'Create a checklist for the end of administrative duties, including changing all known passwords.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-10',
      question: {
        de: 'Gibt es einen sicher hinterlegten Notfallzugang (z. B. versiegelter Umschlag im Tresor), falls die regulären Administrationszugänge nicht funktionieren?',
        en: 'Is there a securely stored emergency access (e.g. a sealed envelope in a safe) in case the regular administrative access does not work?',
      },
      guidance: {
        de: 'Ja heißt: Notfallzugangsdaten für Verzeichnisdienst, Firewall und zentrale Systeme sind versiegelt oder in einem Notfall-Passwortspeicher hinterlegt, die Entnahme wird dokumentiert und die Daten werden danach erneuert.',
        en: 'Yes means: emergency credentials for the directory service, firewall and central systems are sealed or kept in an emergency password vault, every retrieval is documented and the credentials are renewed afterwards.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A22'], grundschutzPlusPlus: ['BER.3.23'] },
      measures: [
        {
          id: 'BB-ADM-10-M1',
          type: 'organisational',
          title: { de: 'Notfallzugang hinterlegen', en: 'Deposit emergency access' },
          description: {
            de: 'Notfallkonten anlegen, Zugangsdaten versiegelt im Tresor hinterlegen und ein Entnahmeprotokoll führen.',
            en: 'Create emergency accounts, deposit the credentials sealed in a safe and keep a retrieval log.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-11',
      question: {
        de: 'Ist sichergestellt, dass mit Administrationskonten weder im Internet gesurft noch E-Mails gelesen werden?',
        en: 'Is it ensured that administration accounts are used neither for web browsing nor for reading e-mail?',
      },
      guidance: {
        de: 'Ja heißt: Administrationskonten haben kein Postfach, und der Internetzugriff ist für sie technisch gesperrt, z. B. per Proxy- oder Firewallregel.',
        en: 'Yes means: administration accounts have no mailbox, and internet access is technically blocked for them, e.g. by a proxy or firewall rule.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A22'], grundschutzPlusPlus: ['SENS.10.5', 'ARCH.5.2'] },
      measures: [
        {
          id: 'BB-ADM-11-M1',
          type: 'technical',
          title: {
            de: 'Internet für Administrationskonten sperren',
            en: 'Block internet for administration accounts',
          },
          description: {
            de: 'Postfächer von Administrationskonten entfernen und deren Internetzugriff per Richtlinie unterbinden.',
            en: 'Remove mailboxes from administration accounts and prevent their internet access by policy.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-12',
      question: {
        de: 'Gibt es ein schriftliches Rollen- und Berechtigungskonzept für die Administration, das zum Beispiel Server-, Netz- und Fachverfahrensadministration trennt?',
        en: 'Is there a written role and permission concept for administration that separates, for example, server, network and application administration?',
      },
      guidance: {
        de: 'Ja heißt: Das Konzept beschreibt Administrationsrollen, wie sie beantragt und vergeben werden und welche Rechte dazugehören; die tatsächlichen Gruppen entsprechen dem Konzept.',
        en: 'Yes means: the concept describes administrative roles, how they are requested and assigned and which rights they include; the actual groups match the concept.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.2.A23'], grundschutzPlusPlus: ['BER.4.1.1', 'PERS.2.3.1'] },
      measures: [
        {
          id: 'BB-ADM-12-M1',
          type: 'organisational',
          title: { de: 'Administrationskonzept erstellen', en: 'Write an administration concept' },
          description: {
            de: 'Administrationsrollen festlegen, Berechtigungen zuordnen und Gruppen im Verzeichnisdienst entsprechend umbauen.',
            en: 'Define administrative roles, assign permissions and restructure the directory groups accordingly.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-13',
      question: {
        de: 'Werden besonders kritische administrative Änderungen im Vier-Augen-Prinzip durchgeführt?',
        en: 'Are particularly critical administrative changes carried out under the four-eyes principle?',
      },
      guidance: {
        de: 'Ja heißt: Es ist festgelegt, welche Tätigkeiten (z. B. Änderungen an Firewall-Grundregeln, Löschung von Sicherungen, Vergabe von Domänen-Administratorrechten) eine zweite Person erfordern, und dies wird dokumentiert.',
        en: 'Yes means: it is defined which activities (e.g. changes to basic firewall rules, deletion of backups, granting domain administrator rights) require a second person, and this is documented.',
      },
      level: 'elevated',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.2.A17'], grundschutzPlusPlus: ['TEST.4.1.1'] },
      measures: [
        {
          id: 'BB-ADM-13-M1',
          type: 'organisational',
          title: { de: 'Vier-Augen-Prinzip festlegen', en: 'Define the four-eyes principle' },
          description: {
            de: 'Liste kritischer Tätigkeiten erstellen und Freigabe durch eine zweite Person im Ticketsystem vorsehen.',
            en: 'Compile a list of critical activities and provide for approval by a second person in the ticket system.',
          },
        },
      ],
    },
    {
      id: 'BB-ADM-14',
      question: {
        de: 'Werden vor größeren Änderungen die Konfigurationen der betroffenen Systeme gesichert?',
        en: 'Are the configurations of the affected systems backed up before major changes?',
      },
      guidance: {
        de: 'Ja heißt: Konfigurationen von Firewalls, Switches, Servern und Fachverfahren werden regelmäßig und zusätzlich vor Änderungen gesichert, und die Rücksicherung wurde schon einmal erprobt.',
        en: 'Yes means: configurations of firewalls, switches, servers and specialised applications are backed up regularly and additionally before changes, and restoring has been tried at least once.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A26'], grundschutzPlusPlus: ['KONF.2.1.1', 'KONF.10.1.1'] },
      measures: [
        {
          id: 'BB-ADM-14-M1',
          type: 'technical',
          title: { de: 'Konfigurationssicherung automatisieren', en: 'Automate configuration backups' },
          description: {
            de: 'Automatische Sicherung der Gerätekonfigurationen einrichten und Änderungsstände versioniert ablegen.',
            en: 'Set up automatic backups of device configurations and store revisions with versioning.',
          },
        },
        {
          id: 'BB-ADM-14-M2',
          type: 'training',
          title: { de: 'Schulung sichere Administration', en: 'Secure administration training' },
          description: {
            de: 'Schulung des IT-Personals zu sicheren Administrationsabläufen, Rücksicherung und Dokumentation.',
            en: 'Training for IT staff on secure administration procedures, restoring and documentation.',
          },
        },
      ],
    },
  ],
};
