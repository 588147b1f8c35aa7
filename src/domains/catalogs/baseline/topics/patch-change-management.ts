import type { BaselineTopic } from '../types.ts';

export const patchChangeManagementTopic: BaselineTopic = {
  id: 'BB-PAT',
  code: 'PAT',
  title: {
    de: 'Patch- und Änderungsmanagement',
    en: 'Patch and change management',
  },
  rationale: {
    de: 'Angreifer nutzen bekannte Schwachstellen oft innerhalb weniger Tage nach ihrer Veröffentlichung aus, deshalb entscheidet zügiges und geordnetes Aktualisieren über einen großen Teil des Schutzniveaus.',
    en: 'Attackers often exploit known vulnerabilities within days of their publication, so prompt and orderly updating determines a large part of the protection level.',
  },
  requirements: [
    {
      id: 'BB-PAT-01',
      question: {
        de: 'Ist schriftlich festgelegt, wer für das Einspielen von Updates welcher Systeme zuständig ist und in welchen Fristen dies geschieht?',
        en: 'Is it set down in writing who is responsible for installing updates on which systems and within which time limits?',
      },
      guidance: {
        de: 'Ja heißt: Ein kurzes Patchkonzept nennt Zuständigkeiten (auch bei Dienstleistern), Fristen nach Kritikalität (z. B. kritische Lücken innerhalb weniger Tage) und den Ablauf für Ausnahmen.',
        en: 'Yes means: a short patch concept names responsibilities (including those of service providers), deadlines by criticality (e.g. critical vulnerabilities within a few days) and the procedure for exceptions.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['OPS.1.1.3.A1', 'OPS.1.1.3.A2'],
        grundschutzPlusPlus: ['DET.5.10', 'TEST.1.1'],
      },
      measures: [
        {
          id: 'BB-PAT-01-M1',
          type: 'organisational',
          title: { de: 'Patchkonzept erstellen', en: 'Write a patch concept' },
          description: {
            de: 'Zuständigkeiten, Fristen je Kritikalität und Ausnahmeverfahren auf wenigen Seiten festlegen und mit Dienstleistern abstimmen.',
            en: 'Set out responsibilities, deadlines per criticality and the exception procedure in a few pages and agree them with service providers.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-02',
      question: {
        de: 'Werden Sicherheitsupdates für Betriebssysteme und Standardsoftware zeitnah nach Erscheinen installiert?',
        en: 'Are security updates for operating systems and standard software installed promptly after release?',
      },
      guidance: {
        de: 'Ja heißt: Der Patchstand der Arbeitsplätze und Server ist höchstens wenige Wochen alt, kritische Updates sind innerhalb der festgelegten Frist installiert. Nachweis: Bericht aus der Softwareverteilung oder dem Update-Dienst.',
        en: 'Yes means: the patch level of workstations and servers is at most a few weeks old, and critical updates are installed within the defined deadline. Evidence: report from the software distribution or update service.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.3.A15'], grundschutzPlusPlus: ['DET.5.10', 'KONF.8.1.1'] },
      measures: [
        {
          id: 'BB-PAT-02-M1',
          type: 'technical',
          title: { de: 'Zeitnahe Updateverteilung', en: 'Prompt update distribution' },
          description: {
            de: 'Zentrale Updateverteilung mit festen Installationsfenstern und Neustartregeln einrichten.',
            en: 'Set up central update distribution with fixed installation windows and restart rules.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-03',
      question: {
        de: 'Sind automatische Updates aktiviert oder werden Updates zentral verteilt, sodass kein Gerät vergessen wird?',
        en: 'Are automatic updates enabled or are updates distributed centrally so that no device is forgotten?',
      },
      guidance: {
        de: 'Ja heißt: Auf allen Arbeitsplätzen ist entweder die automatische Aktualisierung aktiv oder eine Softwareverteilung zuständig; selten genutzte Geräte (Schulungsraum, Ersatzgeräte) werden ebenfalls erfasst.',
        en: 'Yes means: on all workstations either automatic updating is active or a software distribution system is responsible; rarely used devices (training room, spare devices) are also covered.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['OPS.1.1.3.A3', 'SYS.2.1.A3'],
        grundschutzPlusPlus: ['KONF.8.1', 'KONF.8.2'],
      },
      measures: [
        {
          id: 'BB-PAT-03-M1',
          type: 'technical',
          title: { de: 'Automatische Updates sicherstellen', en: 'Ensure automatic updates' },
          description: {
            de: 'Updateeinstellungen zentral vorgeben und Geräte ohne Verbindung zum Updatedienst regelmäßig ermitteln.',
            en: 'Set update settings centrally and regularly identify devices without a connection to the update service.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-04',
      question: {
        de: 'Verfolgt die IT regelmäßig Sicherheitshinweise der Hersteller und Warnmeldungen (z. B. vom Landes-CERT oder BSI) zu eingesetzter Software?',
        en: 'Does IT regularly follow vendor security notices and warnings (e.g. from the state CERT or BSI) about the software in use?',
      },
      guidance: {
        de: 'Ja heißt: Warnmeldungen sind abonniert (z. B. über Bastei oder den Warn- und Informationsdienst), werden mindestens werktäglich gesichtet und mit dem Inventar abgeglichen; die Bewertung wird kurz dokumentiert.',
        en: 'Yes means: warnings are subscribed to (e.g. via Bastei or the warning and information service), reviewed at least every working day and matched against the inventory; the assessment is briefly documented.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.3.A16'], grundschutzPlusPlus: ['DET.5.8', 'DET.5.1'] },
      measures: [
        {
          id: 'BB-PAT-04-M1',
          type: 'organisational',
          title: { de: 'Warnmeldungen abonnieren und auswerten', en: 'Subscribe to and evaluate warnings' },
          description: {
            de: 'Warnquellen festlegen, abonnieren und eine tägliche Sichtung mit Vertretung organisieren.',
            en: 'Determine warning sources, subscribe to them and organise a daily review with a deputy.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-05',
      question: {
        de: 'Wird regelmäßig kontrolliert, ob Updates auf allen Systemen tatsächlich erfolgreich installiert wurden?',
        en: 'Is it regularly checked whether updates have actually been installed successfully on all systems?',
      },
      guidance: {
        de: 'Ja heißt: Ein Bericht oder Dashboard zeigt den Patchstand aller Geräte, und fehlgeschlagene Installationen werden nachgearbeitet. Prüfen Sie den letzten Bericht und den Anteil der Geräte mit aktuellem Stand.',
        en: 'Yes means: a report or dashboard shows the patch level of all devices, and failed installations are followed up. Check the latest report and the share of devices that are up to date.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.3.A15'], grundschutzPlusPlus: ['DET.5.10.2'] },
      measures: [
        {
          id: 'BB-PAT-05-M1',
          type: 'technical',
          title: { de: 'Patchstand überwachen', en: 'Monitor patch status' },
          description: {
            de: 'Monatlichen Patchstandsbericht einrichten und fehlgeschlagene Installationen als Aufgabe nachverfolgen.',
            en: 'Set up a monthly patch status report and follow up failed installations as tasks.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-06',
      question: {
        de: 'Wird dokumentiert und begründet, wenn ein Sicherheitsupdate nicht oder verspätet installiert wird, und werden dann Ersatzmaßnahmen getroffen?',
        en: 'Is it documented and justified when a security update is not installed or installed late, and are compensating measures taken in that case?',
      },
      guidance: {
        de: 'Ja heißt: Für jede Ausnahme gibt es einen Eintrag mit Grund, verantwortlicher Person, Frist und Ersatzmaßnahme (z. B. Dienst abschalten, Zugriff einschränken).',
        en: 'Yes means: every exception has an entry with the reason, responsible person, deadline and compensating measure (e.g. switching off a service, restricting access).',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.3.A15', 'OPS.1.1.3.A16'], grundschutzPlusPlus: ['DET.5.2'] },
      measures: [
        {
          id: 'BB-PAT-06-M1',
          type: 'organisational',
          title: { de: 'Ausnahmeregister für Updates', en: 'Exception register for updates' },
          description: {
            de: 'Register für nicht eingespielte Updates führen und Ausnahmen mit Ablaufdatum versehen.',
            en: 'Keep a register of updates that were not installed and give each exception an expiry date.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-07',
      question: {
        de: 'Werden nur noch Betriebssysteme und Programme eingesetzt, für die der Hersteller Sicherheitsupdates liefert?',
        en: 'Are only operating systems and programs in use for which the vendor still provides security updates?',
      },
      guidance: {
        de: 'Ja heißt: Das Inventar enthält Versionen und Supportende; Systeme ohne Updates sind abgelöst oder stark abgeschottet und als Ausnahme dokumentiert. Prüfen Sie insbesondere alte Windows-Versionen an Sondergeräten.',
        en: 'Yes means: the inventory contains versions and end-of-support dates; systems without updates have been replaced or strongly isolated and documented as exceptions. Check in particular old Windows versions on special-purpose devices.',
      },
      level: 'basis',
      effort: 'high',
      references: {
        itGrundschutz: ['SYS.2.1.A14', 'OPS.1.1.3.A16'],
        grundschutzPlusPlus: ['ASST.2.3', 'ASST.7.1'],
      },
      measures: [
        {
          id: 'BB-PAT-07-M1',
          type: 'technical',
          title: { de: 'Veraltete Systeme ablösen', en: 'Replace outdated systems' },
          description: {
            de: 'Systeme ohne Herstellersupport ermitteln, Ablösung planen und bis dahin vom übrigen Netz trennen.',
            en: 'Identify systems without vendor support, plan their replacement and isolate them from the rest of the network until then.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-08',
      question: {
        de: 'Wird auch die Firmware von Firewalls, Routern, Switches, WLAN-Geräten und Druckern regelmäßig aktualisiert?',
        en: 'Is the firmware of firewalls, routers, switches, Wi-Fi devices and printers also updated regularly?',
      },
      guidance: {
        de: 'Ja heißt: Firmwarestände sind im Inventar erfasst, und für Geräte am Internetübergang werden Sicherheitsupdates innerhalb der Fristen des Patchkonzepts eingespielt.',
        en: 'Yes means: firmware versions are recorded in the inventory, and security updates for devices at the internet edge are installed within the deadlines of the patch concept.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.3.A15'], grundschutzPlusPlus: ['KONF.8.1'] },
      measures: [
        {
          id: 'BB-PAT-08-M1',
          type: 'technical',
          title: { de: 'Firmware-Aktualisierung planen', en: 'Plan firmware updates' },
          description: {
            de: 'Firmwarestände erfassen, Wartungsfenster festlegen und Aktualisierungen für Netz- und Peripheriegeräte einplanen.',
            en: 'Record firmware versions, set maintenance windows and schedule updates for network and peripheral devices.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-09',
      question: {
        de: 'Werden Fachverfahren regelmäßig aktualisiert, und ist mit den Herstellern oder Dienstleistern geregelt, wie schnell Sicherheitsupdates bereitgestellt werden?',
        en: 'Are specialised applications updated regularly, and is it agreed with vendors or service providers how quickly security updates are delivered?',
      },
      guidance: {
        de: 'Ja heißt: Für jedes Fachverfahren ist bekannt, wer Updates einspielt, und Wartungsverträge enthalten Aussagen zu Sicherheitsupdates. Prüfen Sie für zwei Fachverfahren die aktuelle und die neueste verfügbare Version.',
        en: 'Yes means: for every specialised application it is known who installs updates, and maintenance contracts contain provisions on security updates. For two specialised applications, compare the installed and the latest available version.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.3.A15'], grundschutzPlusPlus: ['KONF.8.2', 'BES.5.10.3'] },
      measures: [
        {
          id: 'BB-PAT-09-M1',
          type: 'organisational',
          title: {
            de: 'Updateregelung für Fachverfahren',
            en: 'Update arrangements for specialised applications',
          },
          description: {
            de: 'Zuständigkeit und Updatezusagen je Fachverfahren erfassen und fehlende Zusagen bei Herstellern einfordern.',
            en: 'Record responsibility and update commitments per specialised application and request missing commitments from vendors.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-10',
      question: {
        de: 'Werden Software und Updates nur aus vertrauenswürdigen Quellen bezogen und vor der Installation auf Unversehrtheit geprüft?',
        en: 'Are software and updates only obtained from trustworthy sources and checked for integrity before installation?',
      },
      guidance: {
        de: 'Ja heißt: Installationsdateien stammen vom Hersteller oder aus der Softwareverteilung, Signaturen oder Prüfsummen werden geprüft, und Downloads aus Foren oder Tauschbörsen sind untersagt.',
        en: 'Yes means: installation files come from the vendor or the software distribution system, signatures or checksums are checked, and downloads from forums or file-sharing sites are prohibited.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.3.A10'], grundschutzPlusPlus: ['DET.5.10.1', 'DET.5.10.4'] },
      measures: [
        {
          id: 'BB-PAT-10-M1',
          type: 'organisational',
          title: { de: 'Bezugsquellen festlegen', en: 'Define approved sources' },
          description: {
            de: 'Zugelassene Bezugsquellen benennen und die Prüfung von Signaturen in den Installationsablauf aufnehmen.',
            en: 'Name approved sources and add signature checks to the installation procedure.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-11',
      question: {
        de: 'Werden größere Änderungen an der IT vorher geplant, genehmigt und dokumentiert?',
        en: 'Are major changes to the IT planned, approved and documented beforehand?',
      },
      guidance: {
        de: 'Ja heißt: Für Änderungen wie neue Server, Umstellungen von Fachverfahren oder Firewall-Umbauten gibt es einen Antrag mit Auswirkungen, Genehmigung und Termin; die ISB wird bei sicherheitsrelevanten Änderungen beteiligt.',
        en: 'Yes means: changes such as new servers, migrations of specialised applications or firewall rebuilds have a request with impact, approval and date; the ISB is involved in security-relevant changes.',
      },
      level: 'standard',
      effort: 'medium',
      references: {
        itGrundschutz: ['OPS.1.1.3.A1', 'OPS.1.1.3.A5'],
        grundschutzPlusPlus: ['TEST.4.1', 'TEST.4.1.3', 'TEST.2.2'],
      },
      measures: [
        {
          id: 'BB-PAT-11-M1',
          type: 'organisational',
          title: { de: 'Einfaches Änderungsverfahren', en: 'Simple change procedure' },
          description: {
            de: 'Vorlage für Änderungsanträge mit Risikoeinschätzung und Genehmigung einführen und Änderungen zentral ablegen.',
            en: 'Introduce a change request template with risk assessment and approval and file changes centrally.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-12',
      question: {
        de: 'Werden Updates und Änderungen vor der breiten Verteilung an einzelnen Testgeräten erprobt, und gibt es einen Weg zurück?',
        en: 'Are updates and changes tried out on individual test devices before wide rollout, and is there a way back?',
      },
      guidance: {
        de: 'Ja heißt: Eine Pilotgruppe oder Testumgebung erhält Updates zuerst, und vor Änderungen wird eine Rückfalllösung (Sicherung, Snapshot, Vorgängerversion) bereitgehalten.',
        en: 'Yes means: a pilot group or test environment receives updates first, and a fallback (backup, snapshot, previous version) is kept ready before changes.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.3.A1'], grundschutzPlusPlus: ['TEST.4.3', 'TEST.4.1.2'] },
      measures: [
        {
          id: 'BB-PAT-12-M1',
          type: 'technical',
          title: { de: 'Pilotgruppe für Updates', en: 'Pilot group for updates' },
          description: {
            de: 'Pilotgruppe mit Geräten aus mehreren Ämtern bilden und Updates dort einige Tage vor der Gesamtverteilung einspielen.',
            en: 'Form a pilot group with devices from several departments and install updates there a few days before general rollout.',
          },
        },
      ],
    },
    {
      id: 'BB-PAT-13',
      question: {
        de: 'Wird das eigene Netz regelmäßig mit einem Schwachstellenscanner auf bekannte Lücken und fehlende Updates geprüft?',
        en: 'Is the municipality’s network regularly checked with a vulnerability scanner for known vulnerabilities and missing updates?',
      },
      guidance: {
        de: 'Ja heißt: Mindestens quartalsweise laufen autorisierte Scans (intern und von außen), Ergebnisse werden bewertet und Befunde bis zur Behebung nachverfolgt. Nachweis: letzter Scanbericht und Liste offener Befunde.',
        en: 'Yes means: authorised scans (internal and external) run at least quarterly, results are assessed and findings are tracked until fixed. Evidence: latest scan report and list of open findings.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.5.3', 'DET.5.3.1', 'DET.5.2'] },
      measures: [
        {
          id: 'BB-PAT-13-M1',
          type: 'technical',
          title: { de: 'Regelmäßige Schwachstellenscans', en: 'Regular vulnerability scans' },
          description: {
            de: 'Scans einrichten (z. B. über die Scanmodule des Landesprogramms), Ergebnisse in Bastei importieren und Befunde abarbeiten.',
            en: 'Set up scans (e.g. via the scan modules of the state programme), import the results into Bastei and work off the findings.',
          },
        },
      ],
    },
  ],
};
