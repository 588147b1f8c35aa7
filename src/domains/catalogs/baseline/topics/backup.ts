import type { BaselineTopic } from '../types.ts';

export const backupTopic: BaselineTopic = {
  id: 'BB-DSI',
  code: 'DSI',
  title: {
    de: 'Datensicherung',
    en: 'Backup',
  },
  rationale: {
    de: 'Nach einem Ransomware-Angriff, Hardwaredefekt oder Bedienfehler hängt die Arbeitsfähigkeit der Verwaltung davon ab, dass vollständige, geschützte und erprobte Sicherungen vorhanden sind.',
    en: 'After a ransomware attack, hardware failure or operating error, the administration’s ability to work depends on complete, protected and tested backups being available.',
  },
  requirements: [
    {
      id: 'BB-DSI-01',
      question: {
        de: 'Ist ermittelt, welche Daten und Systeme gesichert werden müssen und wie viel Datenverlust jeweils hinnehmbar ist?',
        en: 'Has it been determined which data and systems must be backed up and how much data loss is acceptable for each?',
      },
      guidance: {
        de: 'Ja heißt: Eine Übersicht nennt für Fileserver, Fachverfahren, E-Mail und Konfigurationen die Datenmenge und den maximal tolerierbaren Datenverlust (z. B. ein Arbeitstag), abgestimmt mit den Fachverantwortlichen.',
        en: 'Yes means: an overview lists the data volume and the maximum tolerable data loss (e.g. one working day) for file servers, specialised applications, e-mail and configurations, agreed with the process owners.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A1'], grundschutzPlusPlus: ['NOT.4.1'] },
      measures: [
        {
          id: 'BB-DSI-01-M1',
          type: 'workshop',
          title: { de: 'Sicherungsbedarf erheben', en: 'Determine backup requirements' },
          description: {
            de: 'Mit Fachverantwortlichen und IT in einem kurzen Workshop Daten, Systeme und tolerierbaren Datenverlust festhalten.',
            en: 'Record data, systems and tolerable data loss with process owners and IT in a short workshop.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-02',
      question: {
        de: 'Ist für jedes System festgelegt, wie, wie oft und wann gesichert wird und auf welche Medien?',
        en: 'Has it been defined for each system how, how often and when it is backed up, and to which media?',
      },
      guidance: {
        de: 'Ja heißt: Art (voll, inkrementell, Abbild), Häufigkeit, Zeitpunkt und Sicherungsziel sind je System festgelegt und passen zum tolerierbaren Datenverlust. Sicherungen liegen nie nur auf demselben System wie die Originaldaten.',
        en: 'Yes means: type (full, incremental, image), frequency, time and backup target are defined per system and match the tolerable data loss. Backups are never stored only on the same system as the original data.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A2'], grundschutzPlusPlus: ['NOT.4.2', 'NOT.4.3', 'NOT.4.9'] },
      measures: [
        {
          id: 'BB-DSI-02-M1',
          type: 'technical',
          title: { de: 'Sicherungsverfahren festlegen', en: 'Define backup procedures' },
          description: {
            de: 'Sicherungsjobs je System mit Art, Häufigkeit und Ziel konfigurieren und die Festlegungen dokumentieren.',
            en: 'Configure backup jobs per system with type, frequency and target and document the settings.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-03',
      question: {
        de: 'Gibt es einen schriftlichen Datensicherungsplan, der auch die Reihenfolge der Wiederherstellung beschreibt?',
        en: 'Is there a written backup plan that also describes the order in which systems are restored?',
      },
      guidance: {
        de: 'Ja heißt: Der Plan beschreibt je System Sicherung, Aufbewahrungsdauer, eingesetzte Software und die Schritte zur Wiederherstellung, und er ist auch bei Ausfall der IT (z. B. ausgedruckt) verfügbar.',
        en: 'Yes means: the plan describes backup, retention period, software used and restore steps per system, and it is available even if the IT is down (e.g. printed).',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A4'], grundschutzPlusPlus: ['NOT.4.15'] },
      measures: [
        {
          id: 'BB-DSI-03-M1',
          type: 'organisational',
          title: { de: 'Datensicherungsplan schreiben', en: 'Write a backup plan' },
          description: {
            de: 'Datensicherungsplan mit Wiederherstellungsreihenfolge erstellen und eine Papierkopie getrennt aufbewahren.',
            en: 'Write a backup plan with restore order and keep a paper copy in a separate location.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-04',
      question: {
        de: 'Laufen die Sicherungen automatisch, und wird ihr Erfolg täglich kontrolliert?',
        en: 'Do backups run automatically, and is their success checked every day?',
      },
      guidance: {
        de: 'Ja heißt: Sicherungen starten ohne manuelles Zutun, Fehlermeldungen gehen an eine überwachte Adresse, und fehlgeschlagene Läufe werden nachgeholt. Prüfen Sie die Berichte der letzten zwei Wochen.',
        en: 'Yes means: backups start without manual intervention, error messages go to a monitored address, and failed runs are repeated. Check the reports of the last two weeks.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['CON.3.A5'], grundschutzPlusPlus: ['NOT.4.4', 'NOT.4.16'] },
      measures: [
        {
          id: 'BB-DSI-04-M1',
          type: 'technical',
          title: { de: 'Sicherungsüberwachung einrichten', en: 'Set up backup monitoring' },
          description: {
            de: 'Benachrichtigung bei fehlgeschlagenen Sicherungen einrichten und tägliche Kontrolle mit Vertretung festlegen.',
            en: 'Set up notifications for failed backups and define a daily check with a deputy.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-05',
      question: {
        de: 'Gibt es mindestens eine Sicherungskopie, die offline oder unveränderbar gespeichert ist und von einem Angreifer im Netz nicht gelöscht werden kann?',
        en: 'Is there at least one backup copy stored offline or immutably so that an attacker in the network cannot delete it?',
      },
      guidance: {
        de: 'Ja heißt: Eine Kopie liegt auf getrennten Medien (z. B. ausgelagerte Bänder oder Festplatten) oder in einem Speicher mit Löschsperre; der Zugang dazu ist nicht mit den normalen Administrationskonten möglich.',
        en: 'Yes means: one copy is kept on separate media (e.g. rotated tapes or disks) or in storage with a deletion lock; access to it is not possible with the normal administration accounts.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A2', 'CON.3.A14'], grundschutzPlusPlus: ['NOT.4.14'] },
      measures: [
        {
          id: 'BB-DSI-05-M1',
          type: 'technical',
          title: { de: 'Offline- oder unveränderbare Kopie', en: 'Offline or immutable copy' },
          description: {
            de: 'Zusätzliche Sicherungskopie auf Wechselmedien oder mit Löschsperre einrichten und getrennte Zugangsdaten verwenden.',
            en: 'Set up an additional backup copy on removable media or with a deletion lock and use separate credentials.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-06',
      question: {
        de: 'Werden Sicherungen räumlich getrennt von den gesicherten Systemen aufbewahrt, möglichst in einem anderen Brandabschnitt oder Gebäude?',
        en: 'Are backups kept physically separate from the systems they protect, preferably in a different fire compartment or building?',
      },
      guidance: {
        de: 'Ja heißt: Ein Brand oder Wasserschaden im Serverraum würde nicht gleichzeitig alle Sicherungen zerstören. Prüfen Sie, wo das Sicherungsziel und die Wechselmedien tatsächlich stehen.',
        en: 'Yes means: a fire or water damage in the server room would not destroy all backups at the same time. Check where the backup target and the removable media actually are.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A12'], grundschutzPlusPlus: ['NOT.4.10', 'NOT.4.12'] },
      measures: [
        {
          id: 'BB-DSI-06-M1',
          type: 'technical',
          title: { de: 'Sicherungen auslagern', en: 'Store backups off-site' },
          description: {
            de: 'Sicherungsziel in einen anderen Brandabschnitt verlegen oder Medien regelmäßig an einen zweiten Standort bringen.',
            en: 'Move the backup target to another fire compartment or take media to a second site regularly.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-07',
      question: {
        de: 'Sind die Sicherungen vor unbefugtem Zugriff und versehentlichem Überschreiben geschützt?',
        en: 'Are the backups protected against unauthorised access and accidental overwriting?',
      },
      guidance: {
        de: 'Ja heißt: Der Sicherungsserver ist nicht Mitglied der normalen Domäne oder eigens abgesichert, nur wenige Personen haben Zugang, und Medien werden verschlossen gelagert.',
        en: 'Yes means: the backup server is not a member of the normal domain or is specially secured, only a few people have access, and media are stored under lock.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A14'], grundschutzPlusPlus: ['NOT.4.6'] },
      measures: [
        {
          id: 'BB-DSI-07-M1',
          type: 'technical',
          title: { de: 'Sicherungsinfrastruktur abschotten', en: 'Isolate the backup infrastructure' },
          description: {
            de: 'Sicherungsserver aus der Domäne lösen oder eigene Konten mit zweitem Faktor verwenden und Zugriffe beschränken.',
            en: 'Remove the backup server from the domain or use separate accounts with a second factor, and restrict access.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-08',
      question: {
        de: 'Wird regelmäßig, mindestens halbjährlich, getestet, ob sich Daten aus den Sicherungen vollständig und in angemessener Zeit wiederherstellen lassen?',
        en: 'Is it tested regularly, at least every six months, whether data can be restored from the backups completely and within a reasonable time?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt Protokolle von Rücksicherungstests (einzelne Dateien und mindestens ein ganzes System bzw. eine Datenbank) mit Dauer und Ergebnis. Ein erfolgreicher Sicherungslauf allein ist kein Nachweis.',
        en: 'Yes means: there are records of restore tests (individual files and at least one entire system or database) with duration and result. A successful backup run alone is not evidence.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A15'], grundschutzPlusPlus: ['NOT.4.16', 'NOT.4.16.1'] },
      measures: [
        {
          id: 'BB-DSI-08-M1',
          type: 'technical',
          title: { de: 'Rücksicherungstests einplanen', en: 'Schedule restore tests' },
          description: {
            de: 'Halbjährliche Rücksicherungstests mit Testprotokoll einplanen, darunter ein vollständiges Fachverfahren.',
            en: 'Schedule restore tests every six months with a test record, including one complete specialised application.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-09',
      question: {
        de: 'Werden mehrere Generationen von Sicherungen aufbewahrt, sodass auch ein Zustand von vor einigen Wochen wiederhergestellt werden kann?',
        en: 'Are several generations of backups kept so that a state from several weeks ago can also be restored?',
      },
      guidance: {
        de: 'Ja heißt: Ein Generationenprinzip (z. B. täglich, wöchentlich, monatlich) ist eingerichtet. Das ist wichtig, weil Schadsoftware oft erst Wochen nach der Infektion bemerkt wird.',
        en: 'Yes means: a generation scheme (e.g. daily, weekly, monthly) is in place. This matters because malware is often only noticed weeks after infection.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['CON.3.A4'], grundschutzPlusPlus: ['NOT.4.7'] },
      measures: [
        {
          id: 'BB-DSI-09-M1',
          type: 'technical',
          title: { de: 'Generationenprinzip einrichten', en: 'Set up a generation scheme' },
          description: {
            de: 'Aufbewahrungsregeln für tägliche, wöchentliche und monatliche Sicherungen in der Sicherungssoftware konfigurieren.',
            en: 'Configure retention rules for daily, weekly and monthly backups in the backup software.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-10',
      question: {
        de: 'Wissen die Beschäftigten, dass sie dienstliche Daten auf den zentral gesicherten Ablagen und nicht lokal oder auf USB-Sticks speichern müssen?',
        en: 'Do staff know that they must store work data on the centrally backed-up storage and not locally or on USB sticks?',
      },
      guidance: {
        de: 'Ja heißt: Die Regel steht in der Dienstanweisung, lokale Ablagen wie Desktop und Dokumente werden umgeleitet oder mitgesichert, und Stichproben finden keine Datenbestände nur auf Arbeitsplätzen.',
        en: 'Yes means: the rule is in the service instruction, local folders such as desktop and documents are redirected or included in backups, and spot checks find no data held only on workstations.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['CON.3.A5'], grundschutzPlusPlus: ['SENS.5.1'] },
      measures: [
        {
          id: 'BB-DSI-10-M1',
          type: 'technical',
          title: { de: 'Ordnerumleitung einrichten', en: 'Set up folder redirection' },
          description: {
            de: 'Benutzerordner auf zentrale, gesicherte Ablagen umleiten und die Regel in der Dienstanweisung festhalten.',
            en: 'Redirect user folders to central, backed-up storage and record the rule in the service instruction.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-11',
      question: {
        de: 'Werden Sicherungen, die das Haus verlassen oder bei Dritten liegen, verschlüsselt, und sind die Schlüssel getrennt hinterlegt?',
        en: 'Are backups that leave the premises or are held by third parties encrypted, and are the keys stored separately?',
      },
      guidance: {
        de: 'Ja heißt: Ausgelagerte Medien und Cloud-Sicherungen sind verschlüsselt, und der Schlüssel ist so hinterlegt, dass er auch nach einem Totalausfall verfügbar ist (z. B. versiegelt im Tresor).',
        en: 'Yes means: off-site media and cloud backups are encrypted, and the key is stored so that it is available even after a total failure (e.g. sealed in a safe).',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A13'], grundschutzPlusPlus: ['NOT.4.8'] },
      measures: [
        {
          id: 'BB-DSI-11-M1',
          type: 'technical',
          title: { de: 'Sicherungen verschlüsseln', en: 'Encrypt backups' },
          description: {
            de: 'Verschlüsselung in der Sicherungssoftware aktivieren und den Schlüssel getrennt und notfallsicher hinterlegen.',
            en: 'Enable encryption in the backup software and store the key separately in a way that survives an emergency.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-12',
      question: {
        de: 'Gibt es ein Datensicherungskonzept, das Gefährdungen, Verfahren und Wiederherstellungsziele zusammenhängend beschreibt?',
        en: 'Is there a backup concept that coherently describes threats, procedures and recovery objectives?',
      },
      guidance: {
        de: 'Ja heißt: Das Konzept fasst Einflussfaktoren, Sicherungspläne und Wiederherstellungsziele zusammen, ist mit den Fachverantwortlichen abgestimmt und wird regelmäßig auf Umsetzung geprüft.',
        en: 'Yes means: the concept brings together influencing factors, backup plans and recovery objectives, is agreed with the process owners and is regularly checked for implementation.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: ['CON.3.A6'], grundschutzPlusPlus: ['NOT.4.1', 'NOT.4.15'] },
      measures: [
        {
          id: 'BB-DSI-12-M1',
          type: 'organisational',
          title: { de: 'Datensicherungskonzept erstellen', en: 'Write a backup concept' },
          description: {
            de: 'Vorhandene Festlegungen in einem Konzept zusammenführen, Lücken schließen und jährliche Überprüfung festlegen.',
            en: 'Consolidate existing arrangements into a concept, close gaps and set an annual review.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-13',
      question: {
        de: 'Ist geklärt, wie Daten gesichert werden, die bei Dienstleistern oder in Cloud-Diensten liegen, und wer sie im Notfall wiederherstellt?',
        en: 'Is it clear how data held by service providers or in cloud services are backed up and who restores them in an emergency?',
      },
      guidance: {
        de: 'Ja heißt: Für jedes ausgelagerte Fachverfahren und jeden Cloud-Dienst ist vertraglich oder durch eigene Sicherung geregelt, wie oft gesichert wird und wie die Kommune wieder an ihre Daten kommt.',
        en: 'Yes means: for every outsourced specialised application and cloud service it is regulated by contract or by the municipality’s own backup how often data are backed up and how the municipality gets its data back.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.3.A9'], grundschutzPlusPlus: ['NOT.4.13', 'BES.5.13'] },
      measures: [
        {
          id: 'BB-DSI-13-M1',
          type: 'organisational',
          title: { de: 'Sicherung ausgelagerter Daten klären', en: 'Clarify backup of outsourced data' },
          description: {
            de: 'Für jeden Dienstleister und Cloud-Dienst die Sicherungszusagen prüfen und fehlende Regelungen nachverhandeln oder selbst sichern.',
            en: 'Check the backup commitments of every provider and cloud service and renegotiate missing arrangements or back up independently.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-14',
      question: {
        de: 'Werden auch die Konfigurationen von Firewall, Switches, Telefonanlage und anderen Geräten gesichert?',
        en: 'Are the configurations of the firewall, switches, phone system and other devices also backed up?',
      },
      guidance: {
        de: 'Ja heißt: Aktuelle Konfigurationsdateien liegen außerhalb der Geräte gesichert vor, und nach Änderungen wird neu gesichert. Ohne sie dauert der Wiederaufbau nach einem Defekt oft Tage.',
        en: 'Yes means: current configuration files are backed up outside the devices, and a new backup is taken after changes. Without them, rebuilding after a failure often takes days.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.2.A26'], grundschutzPlusPlus: ['KONF.2.1.1'] },
      measures: [
        {
          id: 'BB-DSI-14-M1',
          type: 'technical',
          title: { de: 'Gerätekonfigurationen sichern', en: 'Back up device configurations' },
          description: {
            de: 'Konfigurationsexporte aller Netz- und Infrastrukturgeräte in die reguläre Datensicherung aufnehmen.',
            en: 'Include configuration exports of all network and infrastructure devices in the regular backup.',
          },
        },
      ],
    },
    {
      id: 'BB-DSI-15',
      question: {
        de: 'Wurde in den letzten zwei Jahren die vollständige Wiederherstellung eines kritischen Fachverfahrens auf Ersatzhardware geübt und die benötigte Zeit gemessen?',
        en: 'Has the complete restoration of a critical specialised application on replacement hardware been rehearsed within the last two years, and was the time required measured?',
      },
      guidance: {
        de: 'Ja heißt: Eine Übung hat gezeigt, wie lange der Wiederaufbau einschließlich Betriebssystem, Datenbank und Fachanwendung dauert; die Dauer wurde mit dem tolerierbaren Ausfall verglichen und Lücken wurden abgestellt.',
        en: 'Yes means: an exercise has shown how long the rebuild takes, including operating system, database and application; the duration was compared with the tolerable outage and gaps were closed.',
      },
      level: 'elevated',
      effort: 'high',
      references: { itGrundschutz: ['CON.3.A15'], grundschutzPlusPlus: ['NOT.4.17', 'NOT.3.4'] },
      measures: [
        {
          id: 'BB-DSI-15-M1',
          type: 'workshop',
          title: { de: 'Wiederherstellungsübung', en: 'Recovery exercise' },
          description: {
            de: 'Gemeinsam mit Dienstleister und Fachverantwortlichen die vollständige Wiederherstellung eines Fachverfahrens üben und auswerten.',
            en: 'Rehearse and review the complete restoration of a specialised application together with the service provider and process owners.',
          },
        },
      ],
    },
  ],
};
