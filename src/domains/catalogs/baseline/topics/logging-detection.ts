import type { BaselineTopic } from '../types.ts';

export const loggingDetectionTopic: BaselineTopic = {
  id: 'BB-LOG',
  code: 'LOG',
  title: {
    de: 'Protokollierung und Erkennung',
    en: 'Logging and detection',
  },
  rationale: {
    de: 'Angriffe bleiben in Verwaltungen oft wochenlang unbemerkt, und nur wer sicherheitsrelevante Ereignisse aufzeichnet und auswertet, kann Angriffe früh erkennen und später aufklären.',
    en: 'Attacks on administrations often go unnoticed for weeks, and only those who record and evaluate security-relevant events can detect attacks early and investigate them later.',
  },
  requirements: [
    {
      id: 'BB-LOG-01',
      question: {
        de: 'Ist schriftlich festgelegt, welche Ereignisse auf welchen Systemen protokolliert und wie lange die Protokolle aufbewahrt werden?',
        en: 'Is it set down in writing which events are logged on which systems and how long the logs are kept?',
      },
      guidance: {
        de: 'Ja heißt: Eine Protokollierungsrichtlinie nennt Systeme, Ereignisarten, Speicherort, Aufbewahrungsfrist und Zugriffsrechte und ist mit Datenschutz und Personalrat abgestimmt.',
        en: 'Yes means: a logging policy names systems, event types, storage location, retention period and access rights, and has been agreed with data protection and the staff council.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.5.A1'], grundschutzPlusPlus: ['DET.1.1', 'DET.1.1.1'] },
      measures: [
        {
          id: 'BB-LOG-01-M1',
          type: 'organisational',
          title: { de: 'Protokollierungsrichtlinie', en: 'Logging policy' },
          description: {
            de: 'Richtlinie zu Umfang, Aufbewahrung und Auswertung von Protokollen erstellen und abstimmen.',
            en: 'Write and agree a policy on the scope, retention and evaluation of logs.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-02',
      question: {
        de: 'Ist auf Servern, Firewalls und anderen zentralen Komponenten die Protokollierung von Anmeldungen, Fehlern und Sicherheitsereignissen eingeschaltet?',
        en: 'Is logging of sign-ins, errors and security events switched on for servers, firewalls and other central components?',
      },
      guidance: {
        de: 'Ja heißt: Stichproben an Domänencontroller, Firewall und VPN zeigen Einträge der letzten Wochen, einschließlich fehlgeschlagener Anmeldungen und blockierter Verbindungen.',
        en: 'Yes means: spot checks on the domain controller, firewall and VPN show entries from recent weeks, including failed sign-ins and blocked connections.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['OPS.1.1.5.A3', 'SYS.1.1.A10'],
        grundschutzPlusPlus: ['DET.3.1', 'DET.3.1.1', 'DET.3.1.4'],
      },
      measures: [
        {
          id: 'BB-LOG-02-M1',
          type: 'technical',
          title: { de: 'Protokollierung aktivieren', en: 'Enable logging' },
          description: {
            de: 'Protokollierung auf zentralen Systemen gemäß Richtlinie einschalten und Speichergrößen anpassen.',
            en: 'Switch on logging on central systems in line with the policy and adjust storage sizes.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-03',
      question: {
        de: 'Beziehen alle Systeme ihre Uhrzeit von einer gemeinsamen, verlässlichen Zeitquelle?',
        en: 'Do all systems get their time from a common, reliable time source?',
      },
      guidance: {
        de: 'Ja heißt: Server, Netzkomponenten und Arbeitsplätze synchronisieren ihre Uhrzeit zentral; ohne einheitliche Zeit lassen sich Protokolle verschiedener Systeme bei einem Vorfall kaum zusammenführen.',
        en: 'Yes means: servers, network devices and workstations synchronise their clocks centrally; without a common time, logs from different systems can hardly be correlated in an incident.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.2.6.A1'], grundschutzPlusPlus: ['KONF.4.5'] },
      measures: [
        {
          id: 'BB-LOG-03-M1',
          type: 'technical',
          title: { de: 'Zeitsynchronisation einrichten', en: 'Set up time synchronisation' },
          description: {
            de: 'Interne Zeitquelle festlegen und alle Systeme darauf konfigurieren.',
            en: 'Define an internal time source and configure all systems to use it.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-04',
      question: {
        de: 'Werden die Protokolle wichtiger Systeme zentral gesammelt und gegen nachträgliche Veränderung geschützt?',
        en: 'Are the logs of important systems collected centrally and protected against subsequent modification?',
      },
      guidance: {
        de: 'Ja heißt: Ein zentraler Protokollserver (ggf. beim Dienstleister) empfängt die Protokolle von Domänencontrollern, Firewall, VPN und Mailserver; Angreifer mit Rechten auf diesen Systemen können die gesammelten Protokolle nicht löschen.',
        en: 'Yes means: a central log server (possibly at the provider) receives logs from domain controllers, firewall, VPN and mail server; attackers with rights on these systems cannot delete the collected logs.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.3.5', 'DET.4.1'] },
      measures: [
        {
          id: 'BB-LOG-04-M1',
          type: 'technical',
          title: { de: 'Zentrale Protokollsammlung', en: 'Central log collection' },
          description: {
            de: 'Zentralen Protokollserver aufbauen oder als Dienst beziehen und die wichtigsten Quellen anbinden.',
            en: 'Build a central log server or procure it as a service and connect the most important sources.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-05',
      question: {
        de: 'Sind die rechtlichen Vorgaben für die Auswertung von Protokollen geklärt, zum Beispiel durch eine Dienstvereinbarung mit dem Personalrat?',
        en: 'Have the legal requirements for evaluating logs been clarified, for example through a service agreement with the staff council?',
      },
      guidance: {
        de: 'Ja heißt: Zweckbindung, Auswertungsanlässe, berechtigte Personen und Löschfristen sind geregelt, sodass Protokolle im Vorfall ohne Verzögerung ausgewertet werden dürfen.',
        en: 'Yes means: purpose limitation, reasons for evaluation, authorised people and deletion periods are regulated, so that logs may be evaluated without delay in an incident.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.7.2'] },
      measures: [
        {
          id: 'BB-LOG-05-M1',
          type: 'organisational',
          title: { de: 'Dienstvereinbarung Protokollierung', en: 'Service agreement on logging' },
          description: {
            de: 'Dienstvereinbarung oder Regelung zur Protokollauswertung mit Personalrat und Datenschutz abschließen.',
            en: 'Conclude a service agreement or rule on log evaluation with the staff council and data protection officer.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-06',
      question: {
        de: 'Werden Warnmeldungen von Virenschutz, Firewall und Sicherungssoftware regelmäßig gesichtet und bewertet?',
        en: 'Are alerts from anti-virus software, the firewall and the backup software reviewed and assessed regularly?',
      },
      guidance: {
        de: 'Ja heißt: Warnungen gehen an ein überwachtes Postfach oder eine Konsole, werden mindestens werktäglich gesichtet, und kritische Meldungen lösen eine festgelegte Reaktion aus.',
        en: 'Yes means: alerts go to a monitored mailbox or console, are reviewed at least every working day, and critical alerts trigger a defined response.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['DER.1.A5'], grundschutzPlusPlus: ['DET.6.1', 'DET.6.1.2', 'KONF.7.5'] },
      measures: [
        {
          id: 'BB-LOG-06-M1',
          type: 'organisational',
          title: { de: 'Tägliche Sichtung von Warnungen', en: 'Daily review of alerts' },
          description: {
            de: 'Zuständigkeit und Vertretung für die tägliche Sichtung festlegen und Reaktionen für kritische Meldungen beschreiben.',
            en: 'Assign responsibility and a deputy for the daily review and describe responses to critical alerts.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-07',
      question: {
        de: 'Ist festgelegt, dass die IT sicherheitsrelevante Auffälligkeiten an die ISB meldet, und geschieht dies auch?',
        en: 'Is it defined that IT reports security-relevant anomalies to the ISB, and does this actually happen?',
      },
      guidance: {
        de: 'Ja heißt: Meldekriterien und Meldeweg zwischen IT-Betrieb, Dienstleistern und ISB sind beschrieben, und es liegen Meldungen aus den letzten zwölf Monaten vor (auch „keine besonderen Vorkommnisse“ ist eine Meldung).',
        en: 'Yes means: reporting criteria and channels between IT operations, providers and the ISB are described, and there are reports from the last twelve months (“nothing to report” also counts as a report).',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.1.A3'], grundschutzPlusPlus: ['DET.2.1'] },
      measures: [
        {
          id: 'BB-LOG-07-M1',
          type: 'organisational',
          title: { de: 'Meldeweg IT an ISB', en: 'Reporting channel from IT to the ISB' },
          description: {
            de: 'Meldekriterien festlegen und einen regelmäßigen Kurzbericht der IT an die ISB einführen.',
            en: 'Define reporting criteria and introduce a regular short report from IT to the ISB.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-08',
      question: {
        de: 'Ist festgelegt, wer sicherheitsrelevante Ereignisse auswertet, wie schnell reagiert wird und wann die Vorfallbehandlung ausgelöst wird?',
        en: 'Is it defined who evaluates security-relevant events, how quickly a response follows and when incident handling is triggered?',
      },
      guidance: {
        de: 'Ja heißt: Eine Richtlinie zur Erkennung nennt Zuständigkeiten, Reaktionszeiten und Schwellen für die Eskalation; bei Auslagerung sind diese Punkte mit dem Dienstleister vereinbart.',
        en: 'Yes means: a detection policy names responsibilities, response times and escalation thresholds; if outsourced, these points are agreed with the provider.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.1.A1'], grundschutzPlusPlus: ['DET.1.1.2', 'DET.6.1'] },
      measures: [
        {
          id: 'BB-LOG-08-M1',
          type: 'organisational',
          title: { de: 'Richtlinie zur Erkennung', en: 'Detection policy' },
          description: {
            de: 'Zuständigkeiten, Reaktionszeiten und Eskalationsschwellen für die Auswertung von Ereignissen festlegen.',
            en: 'Define responsibilities, response times and escalation thresholds for evaluating events.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-09',
      question: {
        de: 'Wird überwacht, ob die Protokollierung funktioniert und genug Speicherplatz vorhanden ist?',
        en: 'Is it monitored whether logging is working and whether there is enough storage space?',
      },
      guidance: {
        de: 'Ja heißt: Ausfälle von Protokollquellen oder volle Protokollspeicher werden gemeldet, bevor Einträge verloren gehen.',
        en: 'Yes means: failures of log sources or full log storage are reported before entries are lost.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.4.1', 'DET.3.4'] },
      measures: [
        {
          id: 'BB-LOG-09-M1',
          type: 'technical',
          title: { de: 'Protokollierung überwachen', en: 'Monitor logging' },
          description: {
            de: 'Überwachung für Protokollquellen und Speicherplatz in das Monitoring aufnehmen.',
            en: 'Add monitoring of log sources and storage space to the monitoring system.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-10',
      question: {
        de: 'Empfängt die Kommune Warnungen des Landes-CERT bzw. BSI und bestätigt sie, dass betroffene Systeme geprüft wurden?',
        en: 'Does the municipality receive warnings from the state CERT or BSI and confirm that affected systems have been checked?',
      },
      guidance: {
        de: 'Ja heißt: Eine benannte Stelle mit Vertretung ist für Warnmeldungen registriert (z. B. in Bastei), Warnungen werden mit dem Inventar abgeglichen, und die Bestätigung erfolgt innerhalb der vorgegebenen Frist.',
        en: 'Yes means: a named point of contact with a deputy is registered for warnings (e.g. in Bastei), warnings are matched against the inventory, and confirmation is given within the set deadline.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.5.8'] },
      measures: [
        {
          id: 'BB-LOG-10-M1',
          type: 'organisational',
          title: { de: 'Warnungsempfang organisieren', en: 'Organise receipt of warnings' },
          description: {
            de: 'Empfangsstelle und Vertretung benennen, Produkte im Inventar pflegen und Bestätigungsfristen einhalten.',
            en: 'Name a receiving point and deputy, keep products in the inventory up to date and meet confirmation deadlines.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-11',
      question: {
        de: 'Werden Protokolle nach Ablauf der festgelegten Frist gelöscht und bis dahin sicher aufbewahrt?',
        en: 'Are logs deleted once the defined period expires and kept securely until then?',
      },
      guidance: {
        de: 'Ja heißt: Aufbewahrungsfristen sind technisch umgesetzt, Protokolle mit personenbezogenen Daten sind nur für Berechtigte lesbar, und benötigte Protokolle werden für die Frist archiviert.',
        en: 'Yes means: retention periods are technically implemented, logs with personal data are only readable by authorised people, and required logs are archived for the period.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.5.A8'], grundschutzPlusPlus: ['ASST.7.2', 'ASST.7.3'] },
      measures: [
        {
          id: 'BB-LOG-11-M1',
          type: 'technical',
          title: { de: 'Aufbewahrung technisch umsetzen', en: 'Implement retention technically' },
          description: {
            de: 'Rotations- und Löschregeln für Protokolle entsprechend der Richtlinie konfigurieren.',
            en: 'Configure rotation and deletion rules for logs in line with the policy.',
          },
        },
      ],
    },
    {
      id: 'BB-LOG-12',
      question: {
        de: 'Werden Arbeitsplätze, Server und Netzverkehr mit einer Angriffserkennung überwacht, etwa durch eine EDR-Lösung oder einen beauftragten Sicherheitsdienst?',
        en: 'Are workstations, servers and network traffic monitored with attack detection, e.g. an EDR solution or a commissioned security operations service?',
      },
      guidance: {
        de: 'Ja heißt: Eine Lösung erkennt verdächtiges Verhalten (nicht nur bekannte Schadsoftware), Alarme werden rund um die Uhr oder zu festgelegten Zeiten bearbeitet, und die Anbindung ist vollständig.',
        en: 'Yes means: a solution detects suspicious behaviour (not only known malware), alerts are handled around the clock or at defined times, and coverage is complete.',
      },
      level: 'elevated',
      effort: 'high',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.4.2', 'KONF.7.3', 'DET.4.11', 'DET.2.2'] },
      measures: [
        {
          id: 'BB-LOG-12-M1',
          type: 'technical',
          title: { de: 'Angriffserkennung einführen', en: 'Introduce attack detection' },
          description: {
            de: 'EDR- oder SOC-Dienst auswählen (ggf. gemeinsam mit anderen Kommunen oder dem Land), ausrollen und Alarmbearbeitung vereinbaren.',
            en: 'Select an EDR or SOC service (possibly jointly with other municipalities or the state), roll it out and agree alert handling.',
          },
        },
      ],
    },
  ],
};
