import type { BaselineTopic } from '../types.ts';

export const serversTopic: BaselineTopic = {
  id: 'BB-SRV',
  code: 'SRV',
  title: {
    de: 'Server und zentrale Dienste',
    en: 'Servers and central services',
  },
  rationale: {
    de: 'Auf Servern, im Verzeichnisdienst und in der Virtualisierung liegen die Daten und Anmeldeinformationen der ganzen Verwaltung, sodass ihre Kompromittierung oder ihr Ausfall alle Ämter zugleich trifft.',
    en: 'Servers, the directory service and the virtualisation platform hold the data and credentials of the entire administration, so their compromise or failure hits all departments at once.',
  },
  requirements: [
    {
      id: 'BB-SRV-01',
      question: {
        de: 'Werden Server ausschließlich als Server genutzt, also nicht zum Surfen, Lesen von E-Mails oder als Arbeitsplatz?',
        en: 'Are servers used exclusively as servers, i.e. not for browsing, reading e-mail or as a workstation?',
      },
      guidance: {
        de: 'Ja heißt: Auf Servern sind keine Büroanwendungen oder Mailprogramme installiert, und direkte Internetverbindungen von Servern sind auf notwendige Ziele (z. B. Updatedienste) beschränkt.',
        en: 'Yes means: no office applications or mail clients are installed on servers, and direct internet connections from servers are restricted to necessary destinations (e.g. update services).',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A1'], grundschutzPlusPlus: ['ARCH.5.2'] },
      measures: [
        {
          id: 'BB-SRV-01-M1',
          type: 'technical',
          title: {
            de: 'Internetzugriff von Servern beschränken',
            en: 'Restrict internet access from servers',
          },
          description: {
            de: 'Ausgehende Verbindungen von Servern per Firewall auf benötigte Ziele beschränken und Arbeitsplatzsoftware entfernen.',
            en: 'Restrict outbound connections from servers to required destinations via the firewall and remove workstation software.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-02',
      question: {
        de: 'Erfolgt die Anmeldung an Servern mit persönlichen Konten und einem dem Schutzbedarf angemessenen Verfahren?',
        en: 'Is sign-in to servers done with personal accounts and a method appropriate to the protection need?',
      },
      guidance: {
        de: 'Ja heißt: Es werden keine gemeinsam genutzten lokalen Administratorkonten verwendet, die Anmeldung erfolgt möglichst über den zentralen Verzeichnisdienst, und für Fernanmeldungen gelten strengere Regeln.',
        en: 'Yes means: no shared local administrator accounts are used, sign-in is done via the central directory service where possible, and stricter rules apply to remote sign-ins.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A2'], grundschutzPlusPlus: ['KONF.5.1', 'KONF.4.1'] },
      measures: [
        {
          id: 'BB-SRV-02-M1',
          type: 'technical',
          title: { de: 'Serveranmeldung vereinheitlichen', en: 'Standardise server sign-in' },
          description: {
            de: 'Lokale Sammelkonten deaktivieren und Serveranmeldung über persönliche Administrationskonten im Verzeichnisdienst führen.',
            en: 'Disable local shared accounts and route server sign-in through personal administration accounts in the directory service.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-03',
      question: {
        de: 'Sind auf den Servern alle nicht benötigten Dienste, Anwendungen und Funktionen abgeschaltet oder deinstalliert?',
        en: 'Have all services, applications and functions not needed on the servers been disabled or uninstalled?',
      },
      guidance: {
        de: 'Ja heißt: Für jeden Server ist dokumentiert, welche Dienste er bereitstellen soll, und weitere offene Netzdienste gibt es nicht. Ein interner Portscan bestätigt den dokumentierten Stand.',
        en: 'Yes means: for every server it is documented which services it should provide, and there are no other open network services. An internal port scan confirms the documented state.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.1.1.A6'], grundschutzPlusPlus: ['KONF.2.4'] },
      measures: [
        {
          id: 'BB-SRV-03-M1',
          type: 'technical',
          title: { de: 'Serverdienste reduzieren', en: 'Reduce server services' },
          description: {
            de: 'Offene Dienste je Server ermitteln, nicht benötigte abschalten und den Sollzustand dokumentieren.',
            en: 'Identify open services per server, disable those not needed and document the target state.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-04',
      question: {
        de: 'Ist verhindert, dass beliebige USB-Geräte oder Datenträger an Server angeschlossen werden können?',
        en: 'Is it prevented that arbitrary USB devices or storage media can be connected to servers?',
      },
      guidance: {
        de: 'Ja heißt: Nicht benötigte Schnittstellen sind deaktiviert oder physisch gesichert, und nur vorgesehene Geräte (z. B. Sicherungslaufwerk) sind zugelassen.',
        en: 'Yes means: unneeded interfaces are disabled or physically secured, and only designated devices (e.g. a backup drive) are allowed.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A5'], grundschutzPlusPlus: ['KONF.3.7'] },
      measures: [
        {
          id: 'BB-SRV-04-M1',
          type: 'technical',
          title: { de: 'Serverschnittstellen sperren', en: 'Lock server interfaces' },
          description: {
            de: 'USB- und andere ungenutzte Schnittstellen in Firmware oder Betriebssystem deaktivieren.',
            en: 'Disable USB and other unused interfaces in the firmware or operating system.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-05',
      question: {
        de: 'Ist für jeden Server geprüft und entschieden, ob ein Schutz gegen Schadsoftware erforderlich ist, und ist er dann auch aktiv?',
        en: 'Has it been checked and decided for every server whether protection against malware is required, and is it then active?',
      },
      guidance: {
        de: 'Ja heißt: Insbesondere Datei-, Terminal- und Mailserver haben aktiven Schadsoftwareschutz; Ausnahmen (z. B. Datenbankserver mit Herstellervorgaben) sind begründet dokumentiert.',
        en: 'Yes means: file, terminal and mail servers in particular have active malware protection; exceptions (e.g. database servers with vendor requirements) are documented with reasons.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A9'], grundschutzPlusPlus: ['KONF.7.1', 'KONF.7.2'] },
      measures: [
        {
          id: 'BB-SRV-05-M1',
          type: 'technical',
          title: { de: 'Schadsoftwareschutz auf Servern', en: 'Malware protection on servers' },
          description: {
            de: 'Server-Schutz mit passenden Ausnahmen für Fachverfahren einrichten und Entscheidungen dokumentieren.',
            en: 'Set up server protection with suitable exclusions for specialised applications and document the decisions.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-06',
      question: {
        de: 'Protokollieren die Server sicherheitsrelevante Ereignisse wie An- und Abmeldungen, Fehlversuche und Rechteänderungen?',
        en: 'Do the servers log security-relevant events such as sign-ins and sign-outs, failed attempts and changes to permissions?',
      },
      guidance: {
        de: 'Ja heißt: Die Überwachungsrichtlinie erfasst mindestens erfolgreiche und fehlgeschlagene Anmeldungen, Änderungen an Konten und Gruppen, Neustarts und Warnungen von Schutzprogrammen; die Protokollgröße reicht für mehrere Wochen.',
        en: 'Yes means: the audit policy captures at least successful and failed sign-ins, changes to accounts and groups, restarts and warnings from protection software; the log size covers several weeks.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['SYS.1.1.A10'],
        grundschutzPlusPlus: ['DET.3.1.1', 'DET.3.1.4', 'DET.3.1.8'],
      },
      measures: [
        {
          id: 'BB-SRV-06-M1',
          type: 'technical',
          title: { de: 'Server-Überwachungsrichtlinie', en: 'Server audit policy' },
          description: {
            de: 'Überwachungsrichtlinie für Server festlegen, verteilen und Protokollgrößen anpassen.',
            en: 'Define and distribute an audit policy for servers and adjust log sizes.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-07',
      question: {
        de: 'Werden neue Server nach einer dokumentierten, gehärteten Grundkonfiguration eingerichtet, bevor sie ans Netz gehen?',
        en: 'Are new servers set up according to a documented, hardened baseline configuration before they go live on the network?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt eine Installationsanleitung oder Vorlage mit Sicherheitseinstellungen, und Server werden erst nach Abschluss der Härtung und Updates produktiv geschaltet.',
        en: 'Yes means: there is an installation guide or template with security settings, and servers only go into production after hardening and updates are complete.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.1.1.A16'], grundschutzPlusPlus: ['KONF.2.1', 'DEV.4.9'] },
      measures: [
        {
          id: 'BB-SRV-07-M1',
          type: 'technical',
          title: { de: 'Gehärtete Servervorlage', en: 'Hardened server template' },
          description: {
            de: 'Vorlage mit Sicherheitseinstellungen erstellen und für alle neuen Server verwenden.',
            en: 'Create a template with security settings and use it for all new servers.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-08',
      question: {
        de: 'Sind Server und zentrale Netzkomponenten an eine unterbrechungsfreie Stromversorgung angeschlossen, die sie bei längerem Ausfall geordnet herunterfährt?',
        en: 'Are servers and central network devices connected to an uninterruptible power supply that shuts them down in an orderly way during longer outages?',
      },
      guidance: {
        de: 'Ja heißt: Die USV überbrückt kurze Ausfälle, löst bei längeren ein automatisches Herunterfahren aus, und ihre Akkus werden regelmäßig geprüft.',
        en: 'Yes means: the UPS bridges short outages, triggers an automatic shutdown during longer ones, and its batteries are checked regularly.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.1.1.A15'], grundschutzPlusPlus: ['GEB.9.1'] },
      measures: [
        {
          id: 'BB-SRV-08-M1',
          type: 'technical',
          title: { de: 'USV mit automatischem Herunterfahren', en: 'UPS with automatic shutdown' },
          description: {
            de: 'USV dimensionieren, Server anbinden und das automatische Herunterfahren testen.',
            en: 'Size the UPS, connect the servers and test the automatic shutdown.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-09',
      question: {
        de: 'Werden Zustand und Auslastung der Server überwacht, sodass Probleme wie volle Festplatten gemeldet werden, bevor sie zum Ausfall führen?',
        en: 'Are server health and load monitored so that problems such as full disks are reported before they cause an outage?',
      },
      guidance: {
        de: 'Ja heißt: Ein Monitoring prüft Verfügbarkeit, Speicherplatz, Dienste und Hardwarezustand und benachrichtigt eine zuständige Person. Prüfen Sie, ob Meldungen tatsächlich ankommen und bearbeitet werden.',
        en: 'Yes means: monitoring checks availability, storage space, services and hardware health and notifies a responsible person. Check whether alerts actually arrive and are acted upon.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.1.1.A23'], grundschutzPlusPlus: ['DET.4.13', 'DET.4.15'] },
      measures: [
        {
          id: 'BB-SRV-09-M1',
          type: 'technical',
          title: { de: 'Servermonitoring einrichten', en: 'Set up server monitoring' },
          description: {
            de: 'Monitoring mit Grenzwerten und Benachrichtigung einführen und Zuständigkeit für Meldungen festlegen.',
            en: 'Introduce monitoring with thresholds and notifications and assign responsibility for alerts.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-10',
      question: {
        de: 'Gibt es eine aktuelle Betriebsdokumentation der Server, mit der auch eine Vertretung oder ein Dienstleister sie betreiben und wiederherstellen kann?',
        en: 'Is there up-to-date operational documentation for the servers that would allow a deputy or service provider to run and restore them?',
      },
      guidance: {
        de: 'Ja heißt: Für jeden Server sind Zweck, Konfiguration, Abhängigkeiten, Zugänge (Verweis auf Passwortspeicher) und wiederkehrende Aufgaben beschrieben; die Dokumentation ist vor unbefugtem Zugriff geschützt und im Notfall erreichbar.',
        en: 'Yes means: for every server the purpose, configuration, dependencies, access (reference to the password vault) and recurring tasks are described; the documentation is protected from unauthorised access and reachable in an emergency.',
      },
      level: 'standard',
      effort: 'medium',
      references: {
        itGrundschutz: ['SYS.1.1.A21', 'SYS.1.1.A35'],
        grundschutzPlusPlus: ['KONF.2.1', 'KONF.1.4'],
      },
      measures: [
        {
          id: 'BB-SRV-10-M1',
          type: 'organisational',
          title: { de: 'Betriebshandbuch Server', en: 'Server operations manual' },
          description: {
            de: 'Betriebshandbuch nach Vorlage anlegen, pflegen und eine Kopie für den Notfall getrennt aufbewahren.',
            en: 'Create an operations manual from a template, keep it current and store a copy separately for emergencies.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-11',
      question: {
        de: 'Werden die Server regelmäßig auf Schwachstellen und Abweichungen von den Sicherheitsvorgaben geprüft, auch durch Externe?',
        en: 'Are the servers regularly checked for vulnerabilities and deviations from the security requirements, including by external parties?',
      },
      guidance: {
        de: 'Ja heißt: Interne Server werden in festen Abständen gescannt, und mindestens alle zwei bis drei Jahre findet eine externe Sicherheitsprüfung (z. B. Penetrationstest des internen Netzes) statt. Nachweis: Prüfberichte und Maßnahmenlisten.',
        en: 'Yes means: internal servers are scanned at fixed intervals, and an external security assessment (e.g. a penetration test of the internal network) takes place at least every two to three years. Evidence: test reports and action lists.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.1.1.A24'], grundschutzPlusPlus: ['DET.5.3', 'DET.5.4'] },
      measures: [
        {
          id: 'BB-SRV-11-M1',
          type: 'penetration_test',
          title: { de: 'Interner Penetrationstest', en: 'Internal penetration test' },
          description: {
            de: 'Externen Prüfdienstleister mit einem Test des internen Netzes und des Verzeichnisdienstes beauftragen und Befunde abarbeiten.',
            en: 'Commission an external testing provider to test the internal network and directory service, and remediate the findings.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-12',
      question: {
        de: 'Werden Server geordnet außer Betrieb genommen, sodass Daten gesichert, Dienste übernommen und Datenträger sicher gelöscht werden?',
        en: 'Are servers decommissioned in an orderly way so that data are backed up, services are taken over and storage media are securely wiped?',
      },
      guidance: {
        de: 'Ja heißt: Eine Checkliste regelt Datensicherung, Migration, Entfernung aus Verzeichnisdienst und Monitoring sowie sicheres Löschen; abgeschaltete Server bleiben nicht unbeachtet im Netz.',
        en: 'Yes means: a checklist covers backup, migration, removal from the directory service and monitoring, and secure wiping; switched-off servers do not remain unattended on the network.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A25'], grundschutzPlusPlus: ['ASST.7.3.2', 'ASST.7.1'] },
      measures: [
        {
          id: 'BB-SRV-12-M1',
          type: 'organisational',
          title: { de: 'Checkliste Serverabschaltung', en: 'Server decommissioning checklist' },
          description: {
            de: 'Checkliste für die Außerbetriebnahme erstellen und bei jeder Abschaltung abarbeiten.',
            en: 'Create a decommissioning checklist and work through it for every shutdown.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-13',
      question: {
        de: 'Ist der Verzeichnisdienst (z. B. Active Directory) besonders abgesichert, etwa durch wenige Domänen-Administratoren und getrennte Verwaltungsebenen?',
        en: 'Is the directory service (e.g. Active Directory) specially secured, for instance by having few domain administrators and separate administration tiers?',
      },
      guidance: {
        de: 'Ja heißt: Domänen-Administratorkonten werden nur auf Domänencontrollern genutzt, Arbeitsplätze und Server haben eigene Administrationsgruppen, und veraltete Protokolle und Einstellungen sind abgeschaltet. Ein Prüfwerkzeug für den Verzeichnisdienst zeigt keine kritischen Befunde.',
        en: 'Yes means: domain administrator accounts are only used on domain controllers, workstations and servers have their own administration groups, and outdated protocols and settings are disabled. An assessment tool for the directory service shows no critical findings.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['PERS.2.3.1', 'BER.4.1', 'KONF.4.1.1'] },
      measures: [
        {
          id: 'BB-SRV-13-M1',
          type: 'technical',
          title: { de: 'Verzeichnisdienst härten', en: 'Harden the directory service' },
          description: {
            de: 'Verzeichnisdienst mit einem Prüfwerkzeug analysieren, Administrationsebenen trennen und kritische Befunde beheben.',
            en: 'Analyse the directory service with an assessment tool, separate administration tiers and fix critical findings.',
          },
        },
      ],
    },
    {
      id: 'BB-SRV-14',
      question: {
        de: 'Ist die Verwaltungsoberfläche der Virtualisierung (Hypervisor) vom übrigen Netz getrennt und nur für wenige Administrierende zugänglich?',
        en: 'Is the management interface of the virtualisation platform (hypervisor) separated from the rest of the network and accessible to only a few administrators?',
      },
      guidance: {
        de: 'Ja heißt: Hypervisor und Verwaltungskonsole liegen in einem Verwaltungsnetz, nutzen eigene Konten (nicht die normale Domäne) und sind aktuell gepatcht. Gibt es keine Virtualisierung, ist „nicht anwendbar“ zu wählen.',
        en: 'Yes means: hypervisor and management console sit in a management network, use their own accounts (not the normal domain) and are patched. If there is no virtualisation, choose “not applicable”.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ARCH.2.2.7', 'PERS.2.3.2'] },
      measures: [
        {
          id: 'BB-SRV-14-M1',
          type: 'technical',
          title: { de: 'Virtualisierungsverwaltung abschotten', en: 'Isolate virtualisation management' },
          description: {
            de: 'Verwaltungsschnittstellen der Virtualisierung in das Verwaltungsnetz verlegen und eigene Konten mit zweitem Faktor nutzen.',
            en: 'Move virtualisation management interfaces into the management network and use separate accounts with a second factor.',
          },
        },
      ],
    },
  ],
};
