import type { BaselineTopic } from '../types.ts';

export const awarenessTrainingTopic: BaselineTopic = {
  id: 'BB-SEN',
  code: 'SEN',
  title: {
    de: 'Sensibilisierung und Schulung',
    en: 'Awareness and training',
  },
  rationale: {
    de: 'Die meisten erfolgreichen Angriffe auf Verwaltungen beginnen bei Menschen, etwa mit einer gefälschten E-Mail, daher brauchen alle Beschäftigten regelmäßige, verständliche Schulung.',
    en: 'Most successful attacks on administrations start with people, for instance through a forged e-mail, so all staff need regular, understandable training.',
  },
  requirements: [
    {
      id: 'BB-SEN-01',
      question: {
        de: 'Ist die Verwaltungsleitung in den letzten zwei Jahren zu Risiken und Pflichten der Informationssicherheit informiert worden?',
        en: 'Has the head of administration been briefed on information security risks and duties within the last two years?',
      },
      guidance: {
        de: 'Ja heißt: Es gab eine Unterrichtung (Vortrag, Planspiel oder Gespräch mit der ISB) mit Themen wie aktuelle Angriffe auf Kommunen, Haftung und Vorbildfunktion. Nachweis: Einladung, Teilnehmerliste oder Vermerk.',
        en: 'Yes means: there was a briefing (talk, tabletop exercise or meeting with the ISB) covering topics such as current attacks on municipalities, liability and leading by example. Evidence: invitation, attendance list or note.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.3.A1'], grundschutzPlusPlus: ['SENS.11.1', 'SENS.11.2'] },
      measures: [
        {
          id: 'BB-SEN-01-M1',
          type: 'training',
          title: {
            de: 'Leitungsbriefing Informationssicherheit',
            en: 'Management briefing on information security',
          },
          description: {
            de: 'Einstündiges Briefing für Verwaltungsleitung und Amtsleitungen zu Bedrohungslage, Pflichten und Entscheidungsbedarf.',
            en: 'One-hour briefing for the head of administration and heads of department on the threat landscape, duties and decisions needed.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-02',
      question: {
        de: 'Werden neue Beschäftigte vor ihrem ersten Arbeitstag am PC in die Sicherheitsregeln eingewiesen?',
        en: 'Are new staff introduced to the security rules before their first working day at the computer?',
      },
      guidance: {
        de: 'Ja heißt: Eine Checkliste für den Dienstantritt enthält die Einweisung (Dienstanweisung, Passwörter, Meldewege) und die Kenntnisnahme wird unterschrieben. Das gilt auch für Auszubildende, Praktikanten und Aushilfen.',
        en: 'Yes means: an onboarding checklist includes the introduction (service instruction, passwords, reporting channels) and acknowledgement is signed. This also applies to apprentices, interns and temporary staff.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.3.A3', 'ORP.2.A1'], grundschutzPlusPlus: ['PERS.3.7', 'PERS.4.2'] },
      measures: [
        {
          id: 'BB-SEN-02-M1',
          type: 'organisational',
          title: { de: 'Checkliste Dienstantritt', en: 'Onboarding checklist' },
          description: {
            de: 'Einweisung in die Checkliste für neue Beschäftigte aufnehmen und die unterschriebene Kenntnisnahme zur Personalakte nehmen.',
            en: 'Add the security introduction to the onboarding checklist and file the signed acknowledgement in the personnel file.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-03',
      question: {
        de: 'Nehmen alle Beschäftigten mindestens einmal im Jahr an einer Schulung zur Informationssicherheit teil?',
        en: 'Do all staff take part in an information security training at least once a year?',
      },
      guidance: {
        de: 'Ja heißt: Präsenzschulung oder E-Learning mit Teilnahmenachweis; die Teilnahmequote liegt über 90 Prozent. Inhalte sollten an aktuelle Vorfälle angepasst werden.',
        en: 'Yes means: classroom training or e-learning with proof of participation; the participation rate is above 90 percent. Content should be adapted to current incidents.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.3.A3', 'ORP.3.A6'], grundschutzPlusPlus: ['PERS.4.2', 'SENS.2.1'] },
      measures: [
        {
          id: 'BB-SEN-03-M1',
          type: 'training',
          title: { de: 'Jährliche Sicherheitsschulung', en: 'Annual security training' },
          description: {
            de: 'Schulung für alle Beschäftigten (Präsenz oder E-Learning) durchführen und Teilnahme dokumentieren.',
            en: 'Run training for all staff (classroom or e-learning) and document participation.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-04',
      question: {
        de: 'Gibt es einen Jahresplan für Schulungen und Sensibilisierung, der Zielgruppen wie Kasse, Bürgerbüro und IT unterscheidet?',
        en: 'Is there an annual plan for training and awareness that distinguishes target groups such as the treasury, citizens’ office and IT?',
      },
      guidance: {
        de: 'Ja heißt: Der Plan nennt Zielgruppen, Themen, Formate und Termine und ist von der Leitung gebilligt. Zielgruppen mit besonderen Risiken bekommen eigene Inhalte.',
        en: 'Yes means: the plan lists target groups, topics, formats and dates and has been approved by management. Target groups with particular risks get their own content.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.3.A4'], grundschutzPlusPlus: ['SENS.1.1', 'SENS.7.1'] },
      measures: [
        {
          id: 'BB-SEN-04-M1',
          type: 'organisational',
          title: { de: 'Schulungsjahresplan', en: 'Annual training plan' },
          description: {
            de: 'Zielgruppen bestimmen, Themen und Formate zuordnen und Termine mit der Personalentwicklung abstimmen.',
            en: 'Determine target groups, assign topics and formats and coordinate dates with staff development.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-05',
      question: {
        de: 'Üben die Beschäftigten, gefälschte E-Mails (Phishing) zu erkennen, zum Beispiel durch abgestimmte Testkampagnen?',
        en: 'Do staff practise recognising forged e-mails (phishing), for example through agreed test campaigns?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt Übungen mit Beispielen oder simulierte Phishing-Mails, die vorher mit Personalrat und Datenschutz abgestimmt wurden; Ergebnisse werden nur anonymisiert ausgewertet. Nachweis: Kampagnenbericht oder Schulungsunterlagen.',
        en: 'Yes means: there are exercises with examples or simulated phishing e-mails agreed beforehand with the staff council and data protection officer; results are evaluated only anonymously. Evidence: campaign report or training materials.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['SENS.7.8', 'SENS.7.6', 'SENS.7.7'] },
      measures: [
        {
          id: 'BB-SEN-05-M1',
          type: 'training',
          title: { de: 'Phishing-Erkennung trainieren', en: 'Train phishing recognition' },
          description: {
            de: 'Kurzschulung mit echten Beispielen aus der Verwaltung und anschließender, abgestimmter Phishing-Simulation.',
            en: 'Short training with real examples from public administration followed by an agreed phishing simulation.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-06',
      question: {
        de: 'Wissen die Beschäftigten, wem und wie sie verdächtige Ereignisse sofort melden sollen, auch außerhalb der Dienstzeit?',
        en: 'Do staff know whom to report suspicious events to and how, immediately, including outside office hours?',
      },
      guidance: {
        de: 'Ja heißt: Meldeweg und Telefonnummer sind an jedem Arbeitsplatz sichtbar (Aufkleber, Intranet), und Stichproben zeigen, dass Beschäftigte ihn kennen. Meldungen dürfen keine Nachteile für die meldende Person haben.',
        en: 'Yes means: the reporting channel and phone number are visible at every workstation (sticker, intranet), and spot checks show that staff know it. Reporting must not lead to disadvantages for the reporting person.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.1.A3'], grundschutzPlusPlus: ['SENS.2.8', 'SENS.2.2'] },
      measures: [
        {
          id: 'BB-SEN-06-M1',
          type: 'organisational',
          title: { de: 'Meldeweg sichtbar machen', en: 'Make the reporting channel visible' },
          description: {
            de: 'Meldeweg auf Karten oder Aufklebern an allen Arbeitsplätzen anbringen und im Intranet veröffentlichen.',
            en: 'Put the reporting channel on cards or stickers at every workstation and publish it on the intranet.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-07',
      question: {
        de: 'Sind die Beschäftigten im sicheren Umgang mit Passwörtern und anderen Zugangsdaten geschult?',
        en: 'Have staff been trained in handling passwords and other credentials securely?',
      },
      guidance: {
        de: 'Ja heißt: Die Schulung behandelt lange Passphrasen, keine Weitergabe, keine Mehrfachverwendung und den Passwortmanager. Keine Passwörter auf Zetteln am Bildschirm: Stichproben bei einer Begehung bestätigen das.',
        en: 'Yes means: the training covers long passphrases, no sharing, no reuse and the password manager. No passwords on notes at the screen: spot checks during a walk-through confirm this.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['ORP.4.A8'],
        grundschutzPlusPlus: ['SENS.4.1', 'SENS.4.1.3', 'SENS.4.1.6'],
      },
      measures: [
        {
          id: 'BB-SEN-07-M1',
          type: 'training',
          title: { de: 'Schulungsmodul Zugangsdaten', en: 'Training module on credentials' },
          description: {
            de: 'Kurzes Modul zu Passphrasen, Passwortmanager und Mehr-Faktor-Anmeldung in die Jahresschulung aufnehmen.',
            en: 'Add a short module on passphrases, the password manager and multi-factor sign-in to the annual training.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-08',
      question: {
        de: 'Sperren die Beschäftigten ihren Bildschirm beim Verlassen des Arbeitsplatzes und lassen keine vertraulichen Unterlagen offen liegen?',
        en: 'Do staff lock their screen when leaving the workstation and avoid leaving confidential documents lying around?',
      },
      guidance: {
        de: 'Ja heißt: Die Regel ist bekannt, und eine unangekündigte Begehung (z. B. in der Mittagspause) findet keine offenen Sitzungen und keine frei liegenden Akten mit personenbezogenen Daten. Besonders wichtig in Räumen mit Publikumsverkehr.',
        en: 'Yes means: the rule is known, and an unannounced walk-through (e.g. during the lunch break) finds no unlocked sessions and no files with personal data lying around. Especially important in rooms with public access.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.2.1.A1'], grundschutzPlusPlus: ['SENS.8.1', 'SENS.8.2'] },
      measures: [
        {
          id: 'BB-SEN-08-M1',
          type: 'training',
          title: { de: 'Aktion „Sauberer Arbeitsplatz“', en: '“Clear desk” campaign' },
          description: {
            de: 'Kurze Sensibilisierung mit anschließender Begehung und anonymer Rückmeldung an die Ämter.',
            en: 'Short awareness session followed by a walk-through and anonymous feedback to the departments.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-09',
      question: {
        de: 'Bilden sich die Personen, die die IT administrieren, regelmäßig zu Sicherheitsthemen ihrer Systeme fort?',
        en: 'Do the people who administer the IT receive regular further training on security topics for their systems?',
      },
      guidance: {
        de: 'Ja heißt: Für jede Administratorin und jeden Administrator gibt es mindestens eine sicherheitsbezogene Fortbildung pro Jahr und Zeit, Warnmeldungen zu lesen. Nachweis: Fortbildungsnachweise.',
        en: 'Yes means: every administrator attends at least one security-related course per year and has time to read security warnings. Evidence: training certificates.',
      },
      level: 'standard',
      effort: 'medium',
      references: {
        itGrundschutz: ['ORP.2.A15'],
        grundschutzPlusPlus: ['SENS.10.1', 'SENS.10.2', 'PERS.4.2.1'],
      },
      measures: [
        {
          id: 'BB-SEN-09-M1',
          type: 'training',
          title: { de: 'Fortbildung für Administration', en: 'Further training for administrators' },
          description: {
            de: 'Fortbildungsbudget und -plan für das IT-Personal festlegen, z. B. Härtung von Windows-Umgebungen oder sichere Netzkonfiguration.',
            en: 'Set a training budget and plan for IT staff, e.g. hardening Windows environments or secure network configuration.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-10',
      question: {
        de: 'Wird überprüft, ob die Schulungen wirken, zum Beispiel durch Kurztests oder die Entwicklung von Meldungen?',
        en: 'Is it checked whether the training is effective, for example through short quizzes or the trend in reports?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt mindestens eine Kennzahl (Testergebnis, Klickrate bei Phishing-Übungen, Anzahl Meldungen), die jährlich ausgewertet wird und in die Planung einfließt.',
        en: 'Yes means: there is at least one indicator (quiz score, click rate in phishing exercises, number of reports) that is evaluated annually and feeds into planning.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['ORP.3.A8'], grundschutzPlusPlus: ['SENS.1.2'] },
      measures: [
        {
          id: 'BB-SEN-10-M1',
          type: 'organisational',
          title: { de: 'Wirksamkeit messen', en: 'Measure effectiveness' },
          description: {
            de: 'Eine oder zwei Kennzahlen festlegen, jährlich erheben und im ISB-Bericht darstellen.',
            en: 'Define one or two indicators, collect them annually and present them in the ISB report.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-11',
      question: {
        de: 'Sind die Beschäftigten darauf vorbereitet, dass Anrufer sich als IT-Dienstleister, Behörde oder Vorgesetzte ausgeben, um Daten oder Zahlungen zu erschleichen?',
        en: 'Are staff prepared for callers posing as IT service providers, authorities or superiors in order to obtain data or payments by deception?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt eine Regel zum Rückruf über bekannte Nummern und zur Prüfung ungewöhnlicher Zahlungsanweisungen, und die Beschäftigten kennen sie. Besonders wichtig für Kasse, Vorzimmer und Bürgerbüro.',
        en: 'Yes means: there is a rule for calling back on known numbers and for checking unusual payment instructions, and staff know it. Especially important for the treasury, front office and citizens’ office.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['SENS.7.15', 'SENS.7.20'] },
      measures: [
        {
          id: 'BB-SEN-11-M1',
          type: 'training',
          title: { de: 'Sensibilisierung gegen Betrugsanrufe', en: 'Awareness against fraudulent calls' },
          description: {
            de: 'Kurzschulung mit Rückrufregel und Beispielen für Betrugsmaschen wie „CEO-Fraud“ für besonders betroffene Bereiche.',
            en: 'Short training with the call-back rule and examples of scams such as “CEO fraud” for the most exposed units.',
          },
        },
      ],
    },
    {
      id: 'BB-SEN-12',
      question: {
        de: 'Erhalten besonders exponierte Personen (z. B. Verwaltungsleitung, Kasse, Personalamt) eine auf sie zugeschnittene Schulung?',
        en: 'Do particularly exposed people (e.g. head of administration, treasury, HR) receive training tailored to them?',
      },
      guidance: {
        de: 'Ja heißt: Diese Personen werden gesondert zu gezielten Angriffen, Umgang mit öffentlichen Profilen und Reisen geschult. Nachweis: Teilnahmeliste einer eigenen Veranstaltung.',
        en: 'Yes means: these people receive separate training on targeted attacks, handling public profiles and travel. Evidence: attendance list of a dedicated session.',
      },
      level: 'elevated',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.3.A9'], grundschutzPlusPlus: ['SENS.11.3'] },
      measures: [
        {
          id: 'BB-SEN-12-M1',
          type: 'training',
          title: { de: 'Schulung für exponierte Personen', en: 'Training for exposed people' },
          description: {
            de: 'Eigene Schulung zu gezielten Angriffen und Social Engineering für Leitung und sensible Bereiche durchführen.',
            en: 'Run a dedicated session on targeted attacks and social engineering for management and sensitive units.',
          },
        },
      ],
    },
  ],
};
