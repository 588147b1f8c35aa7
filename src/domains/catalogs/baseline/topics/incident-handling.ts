import type { BaselineTopic } from '../types.ts';

export const incidentHandlingTopic: BaselineTopic = {
  id: 'BB-VOR',
  code: 'VOR',
  title: {
    de: 'Behandlung von Sicherheitsvorfällen',
    en: 'Security incident handling',
  },
  rationale: {
    de: 'Im Ernstfall entscheiden die ersten Stunden über das Ausmaß des Schadens, deshalb müssen Zuständigkeiten, Meldewege zu Land und Aufsicht sowie erste Schritte vorher feststehen.',
    en: 'In an emergency, the first hours determine the extent of the damage, so responsibilities, reporting channels to the state and supervisory authorities, and first steps must be settled beforehand.',
  },
  requirements: [
    {
      id: 'BB-VOR-01',
      question: {
        de: 'Ist schriftlich festgelegt, was die Kommune als Sicherheitsvorfall ansieht, mit Beispielen?',
        en: 'Is it set down in writing what the municipality considers a security incident, with examples?',
      },
      guidance: {
        de: 'Ja heißt: Eine Definition mit Beispielen (z. B. Schadsoftwarefund, verdächtige Anmeldungen, verlorenes Gerät, Datenabfluss, erpresserische E-Mail) ist Teil der Vorfallregelung und den Beschäftigten bekannt.',
        en: 'Yes means: a definition with examples (e.g. malware found, suspicious sign-ins, lost device, data leak, extortion e-mail) is part of the incident rules and known to staff.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A1'], grundschutzPlusPlus: ['DET.6.1'] },
      measures: [
        {
          id: 'BB-VOR-01-M1',
          type: 'organisational',
          title: { de: 'Definition Sicherheitsvorfall', en: 'Definition of a security incident' },
          description: {
            de: 'Definition mit typischen Beispielen aus der Verwaltung formulieren und veröffentlichen.',
            en: 'Formulate a definition with typical examples from public administration and publish it.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-02',
      question: {
        de: 'Gibt es eine beschlossene Regelung, wie Sicherheitsvorfälle behandelt werden?',
        en: 'Is there an adopted set of rules on how security incidents are handled?',
      },
      guidance: {
        de: 'Ja heißt: Die Regelung beschreibt Ablauf, Rollen, Befugnisse (z. B. Systeme vom Netz nehmen), Dokumentation und Kommunikation, ist von der Leitung in Kraft gesetzt und den Beteiligten bekannt.',
        en: 'Yes means: the rules describe the procedure, roles, powers (e.g. taking systems offline), documentation and communication, have been put into force by management and are known to those involved.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['DER.2.1.A2'],
        grundschutzPlusPlus: ['REA.1.1', 'REA.1.1.1', 'REA.1.1.3'],
      },
      measures: [
        {
          id: 'BB-VOR-02-M1',
          type: 'organisational',
          title: { de: 'Regelung zur Vorfallbehandlung', en: 'Incident handling rules' },
          description: {
            de: 'Regelung nach Muster erstellen, mit IT-Dienstleister abstimmen und durch die Leitung in Kraft setzen.',
            en: 'Draft the rules from a template, agree them with the IT provider and have management put them into force.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-03',
      question: {
        de: 'Sind Verantwortliche und Ansprechpersonen für Sicherheitsvorfälle benannt und auch außerhalb der Dienstzeit erreichbar?',
        en: 'Have responsible persons and contacts for security incidents been named, and can they be reached outside office hours?',
      },
      guidance: {
        de: 'Ja heißt: Eine aktuelle Alarmierungsliste mit privaten bzw. Bereitschaftsnummern liegt vor (auch ausgedruckt), und Vertretungen sind benannt. Prüfen Sie, wann die Liste zuletzt getestet wurde.',
        en: 'Yes means: an up-to-date alert list with private or on-call numbers exists (also printed), and deputies are named. Check when the list was last tested.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A3'], grundschutzPlusPlus: ['REA.1.1.2', 'REA.2.6.5'] },
      measures: [
        {
          id: 'BB-VOR-03-M1',
          type: 'organisational',
          title: { de: 'Alarmierungsliste', en: 'Alert list' },
          description: {
            de: 'Alarmierungsliste mit Vertretungen erstellen, ausgedruckt hinterlegen und halbjährlich prüfen.',
            en: 'Create an alert list with deputies, store a printed copy and check it every six months.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-04',
      question: {
        de: 'Gibt es eine zentrale Stelle und ein einfaches Formular oder Verfahren, über das Beschäftigte Sicherheitsvorfälle melden können?',
        en: 'Is there a central point and a simple form or procedure through which staff can report security incidents?',
      },
      guidance: {
        de: 'Ja heißt: Meldungen gehen an eine feste Stelle (Telefon, Postfach, Ticket), die Meldenden erhalten eine Rückmeldung, und eingegangene Meldungen werden erfasst.',
        en: 'Yes means: reports go to a fixed point (phone, mailbox, ticket), reporters receive feedback, and incoming reports are recorded.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['DER.2.1.A9'],
        grundschutzPlusPlus: ['DET.2.1', 'DET.2.1.2', 'DET.2.1.3'],
      },
      measures: [
        {
          id: 'BB-VOR-04-M1',
          type: 'organisational',
          title: { de: 'Meldestelle einrichten', en: 'Set up a reporting point' },
          description: {
            de: 'Meldestelle und Formular einrichten und Rückmeldung an die Meldenden sicherstellen.',
            en: 'Set up a reporting point and form and ensure feedback to those who report.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-05',
      question: {
        de: 'Wissen die Beschäftigten, was sie bei einem Verdacht sofort tun sollen, etwa Netzwerkverbindung trennen, Gerät nicht ausschalten und sofort melden?',
        en: 'Do staff know what to do immediately if they suspect an incident, e.g. disconnect from the network, do not switch off the device and report at once?',
      },
      guidance: {
        de: 'Ja heißt: Eine kurze Verhaltensanleitung für den Verdachtsfall hängt an den Arbeitsplätzen oder ist im Intranet leicht auffindbar und wird in Schulungen behandelt.',
        en: 'Yes means: a short instruction for suspected incidents is posted at workstations or easy to find on the intranet and is covered in training.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.2.1.1', 'SENS.2.8'] },
      measures: [
        {
          id: 'BB-VOR-05-M1',
          type: 'training',
          title: { de: 'Verhaltensanleitung im Verdachtsfall', en: 'Instructions for suspected incidents' },
          description: {
            de: 'Einseitige Anleitung erstellen, verteilen und in der Jahresschulung erklären.',
            en: 'Create a one-page instruction, distribute it and explain it in the annual training.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-06',
      question: {
        de: 'Ist geregelt, wann und wie externe Stellen wie das Landes-CERT, die Datenschutzaufsicht und die Polizei informiert werden?',
        en: 'Is it regulated when and how external bodies such as the state CERT, the data protection authority and the police are informed?',
      },
      guidance: {
        de: 'Ja heißt: Meldepflichten und Fristen (z. B. Erstmeldung an das Landes-CERT, 72 Stunden für Datenschutzverletzungen) sind in der Vorfallregelung beschrieben, und es ist klar, wer meldet.',
        en: 'Yes means: reporting duties and deadlines (e.g. early warning to the state CERT, 72 hours for personal data breaches) are described in the incident rules, and it is clear who reports.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A4'], grundschutzPlusPlus: ['REA.2.6.2.1', 'REA.2.6.2'] },
      measures: [
        {
          id: 'BB-VOR-06-M1',
          type: 'organisational',
          title: { de: 'Externe Meldewege festlegen', en: 'Define external reporting channels' },
          description: {
            de: 'Meldepflichten, Fristen und meldende Personen in die Vorfallregelung aufnehmen; Meldungen an das Land über Bastei vorbereiten.',
            en: 'Add reporting duties, deadlines and reporting persons to the incident rules; prepare reports to the state via Bastei.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-07',
      question: {
        de: 'Liegt eine aktuelle Kontaktliste externer Helfer vor, etwa Landes-CERT, Polizei (Cybercrime-Ansprechstelle), IT-Dienstleister, Versicherung und Datenschutzaufsicht?',
        en: 'Is there an up-to-date contact list of external helpers, such as the state CERT, police (cybercrime contact point), IT service providers, insurer and data protection authority?',
      },
      guidance: {
        de: 'Ja heißt: Die Liste enthält Telefonnummern und Zugangswege, liegt auch auf Papier vor und wurde in den letzten zwölf Monaten überprüft.',
        en: 'Yes means: the list contains phone numbers and access channels, is also available on paper and has been checked within the last twelve months.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A3'], grundschutzPlusPlus: ['REA.2.6.3'] },
      measures: [
        {
          id: 'BB-VOR-07-M1',
          type: 'organisational',
          title: { de: 'Externe Kontaktliste', en: 'External contact list' },
          description: {
            de: 'Kontaktliste externer Stellen zusammenstellen und zusammen mit dem Notfallhandbuch ausgedruckt hinterlegen.',
            en: 'Compile a contact list of external bodies and store a printed copy with the emergency manual.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-08',
      question: {
        de: 'Werden gemeldete Vorfälle nach Schwere eingestuft und entsprechend priorisiert und eskaliert?',
        en: 'Are reported incidents classified by severity and prioritised and escalated accordingly?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt wenige, klar beschriebene Stufen (z. B. niedrig, mittel, hoch, kritisch) mit zugehöriger Reaktionszeit und festgelegt, ab welcher Stufe Leitung oder Krisenstab informiert werden.',
        en: 'Yes means: there are a few clearly described levels (e.g. low, medium, high, critical) with associated response times, and it is defined from which level management or the crisis team is informed.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A11'], grundschutzPlusPlus: ['REA.2.1', 'REA.2.6.5'] },
      measures: [
        {
          id: 'BB-VOR-08-M1',
          type: 'organisational',
          title: { de: 'Einstufungsschema', en: 'Classification scheme' },
          description: {
            de: 'Einstufungsschema mit Reaktionszeiten und Eskalationsstufen festlegen.',
            en: 'Define a classification scheme with response times and escalation levels.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-09',
      question: {
        de: 'Werden Sicherheitsvorfälle und die ergriffenen Maßnahmen nachvollziehbar dokumentiert?',
        en: 'Are security incidents and the measures taken documented in a traceable way?',
      },
      guidance: {
        de: 'Ja heißt: Für jeden Vorfall gibt es einen Eintrag mit Zeitpunkten, Betroffenen, Maßnahmen, Entscheidungen und Abschluss; die Dokumentation ist vor Veränderung geschützt.',
        en: 'Yes means: every incident has an entry with times, those affected, measures, decisions and closure; the documentation is protected against modification.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A16'], grundschutzPlusPlus: ['REA.2.3', 'REA.2.6.1'] },
      measures: [
        {
          id: 'BB-VOR-09-M1',
          type: 'organisational',
          title: { de: 'Vorfalldokumentation', en: 'Incident documentation' },
          description: {
            de: 'Vorlage für die Vorfalldokumentation einführen oder Vorfälle in Bastei erfassen.',
            en: 'Introduce an incident documentation template or record incidents in Bastei.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-10',
      question: {
        de: 'Ist festgelegt, wie nach einem Vorfall betroffene Systeme bereinigt oder neu aufgesetzt, Zugangsdaten erneuert und der Betrieb sicher wieder aufgenommen werden?',
        en: 'Is it defined how affected systems are cleaned or rebuilt after an incident, credentials are renewed and operations are safely resumed?',
      },
      guidance: {
        de: 'Ja heißt: Die Vorfallregelung enthält Schritte zur Bereinigung (im Zweifel Neuinstallation), zum Passwortwechsel, zur Prüfung vor Wiederinbetriebnahme und zur Freigabe durch eine verantwortliche Person.',
        en: 'Yes means: the incident rules contain steps for cleaning (if in doubt, reinstallation), password changes, checks before going live again and approval by a responsible person.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['DER.2.1.A5', 'DER.2.1.A6'], grundschutzPlusPlus: ['REA.2.6'] },
      measures: [
        {
          id: 'BB-VOR-10-M1',
          type: 'organisational',
          title: { de: 'Wiederanlauf nach Vorfällen', en: 'Recovery after incidents' },
          description: {
            de: 'Checkliste für Bereinigung, Passwortwechsel und geprüfte Wiederinbetriebnahme erstellen.',
            en: 'Create a checklist for clean-up, password changes and verified return to operation.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-11',
      question: {
        de: 'Ist vorab geklärt, welcher spezialisierte Dienstleister im Ernstfall bei Analyse und Beweissicherung hilft und wie er beauftragt wird?',
        en: 'Has it been clarified in advance which specialised provider will help with analysis and evidence preservation in an emergency and how it is commissioned?',
      },
      guidance: {
        de: 'Ja heißt: Ein Rahmenvertrag, eine Vereinbarung über das Land oder eine Versicherungsleistung sichert schnelle Unterstützung; Beauftragungsweg und Budgetfreigabe sind geklärt. Beweise werden bis dahin nicht durch voreiliges Neuaufsetzen vernichtet.',
        en: 'Yes means: a framework contract, an arrangement via the state or an insurance service secures quick support; the commissioning route and budget approval are clarified. Evidence is not destroyed by premature rebuilding in the meantime.',
      },
      level: 'elevated',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['REA.2.5.3', 'REA.2.5.1'] },
      measures: [
        {
          id: 'BB-VOR-11-M1',
          type: 'organisational',
          title: { de: 'Notfallunterstützung vorab vereinbaren', en: 'Agree emergency support in advance' },
          description: {
            de: 'Rahmenvereinbarung für Vorfallunterstützung prüfen oder abschließen und den Beauftragungsweg dokumentieren.',
            en: 'Check or conclude a framework agreement for incident support and document the commissioning route.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-12',
      question: {
        de: 'Werden Sicherheitsvorfälle nachbereitet, und fließen die Erkenntnisse in Verbesserungen ein?',
        en: 'Are security incidents reviewed afterwards, and do the lessons learned feed into improvements?',
      },
      guidance: {
        de: 'Ja heißt: Nach größeren Vorfällen findet eine Nachbesprechung statt, Ursachen werden festgehalten und daraus abgeleitete Maßnahmen werden im Maßnahmenplan nachverfolgt.',
        en: 'Yes means: after major incidents a debriefing takes place, causes are recorded and the resulting measures are tracked in the measures plan.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['REA.3.1', 'REA.3.1.1'] },
      measures: [
        {
          id: 'BB-VOR-12-M1',
          type: 'organisational',
          title: { de: 'Nachbesprechung nach Vorfällen', en: 'Post-incident review' },
          description: {
            de: 'Nachbesprechung als festen Abschlussschritt einführen und Folgemaßnahmen in Bastei erfassen.',
            en: 'Introduce a debriefing as a fixed final step and record follow-up measures in Bastei.',
          },
        },
      ],
    },
    {
      id: 'BB-VOR-13',
      question: {
        de: 'Wurde in den letzten zwei Jahren ein Sicherheitsvorfall, zum Beispiel ein Ransomware-Angriff, mit den Beteiligten in einer Übung durchgespielt?',
        en: 'Has a security incident, for example a ransomware attack, been played through with those involved in an exercise within the last two years?',
      },
      guidance: {
        de: 'Ja heißt: Eine Planbesprechung oder Übung mit Leitung, ISB, IT, Dienstleister und Pressestelle hat stattgefunden, und die gefundenen Lücken wurden in Maßnahmen übersetzt.',
        en: 'Yes means: a tabletop discussion or exercise with management, ISB, IT, provider and press office has taken place, and the gaps found were translated into measures.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['REA.1.3'] },
      measures: [
        {
          id: 'BB-VOR-13-M1',
          type: 'workshop',
          title: { de: 'Planspiel Cyberangriff', en: 'Cyber attack tabletop exercise' },
          description: {
            de: 'Halbtägiges Planspiel zu einem realistischen Angriffsszenario mit allen Beteiligten durchführen und auswerten.',
            en: 'Run and evaluate a half-day tabletop exercise on a realistic attack scenario with everyone involved.',
          },
        },
      ],
    },
  ],
};
