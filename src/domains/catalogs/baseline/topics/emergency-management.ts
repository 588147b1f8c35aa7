import type { BaselineTopic } from '../types.ts';

export const emergencyManagementTopic: BaselineTopic = {
  id: 'BB-NOT',
  code: 'NOT',
  title: {
    de: 'Notfallmanagement',
    en: 'Emergency management',
  },
  rationale: {
    de: 'Bürgerinnen und Bürger sind auch bei einem IT-Totalausfall auf Leistungen wie Meldewesen, Standesamt, Sozialleistungen und Gefahrenabwehr angewiesen, daher muss die Kommune Ausfälle vorbereitet überbrücken können.',
    en: 'Citizens depend on services such as residents’ registration, the registry office, social benefits and emergency response even during a total IT outage, so the municipality must be prepared to bridge outages.',
  },
  requirements: [
    {
      id: 'BB-NOT-01',
      question: {
        de: 'Ist eine Person benannt, die für die Notfallvorsorge in der IT zuständig ist und diese koordiniert?',
        en: 'Has a person been named who is responsible for and coordinates IT emergency preparedness?',
      },
      guidance: {
        de: 'Ja heißt: Die Zuständigkeit (z. B. ISB, IT-Leitung oder Notfallbeauftragte) ist schriftlich festgelegt, mit Vertretung, und umfasst Planung, Pflege und Übung der Notfallvorsorge.',
        en: 'Yes means: responsibility (e.g. ISB, head of IT or emergency officer) is set down in writing, with a deputy, and covers planning, upkeep and exercising of emergency preparedness.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['NOT.1.1', 'NOT.1.1.2'] },
      measures: [
        {
          id: 'BB-NOT-01-M1',
          type: 'organisational',
          title: { de: 'Zuständigkeit Notfallvorsorge', en: 'Responsibility for emergency preparedness' },
          description: {
            de: 'Verantwortliche Person und Vertretung benennen und Aufgaben schriftlich festhalten.',
            en: 'Name a responsible person and deputy and record their tasks in writing.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-02',
      question: {
        de: 'Sind die zeitkritischen Aufgaben und die dafür nötigen Fachverfahren ermittelt, einschließlich der Zeit, nach der ein Ausfall nicht mehr hinnehmbar ist?',
        en: 'Have time-critical tasks and the specialised applications they need been identified, including the time after which an outage is no longer acceptable?',
      },
      guidance: {
        de: 'Ja heißt: Eine Übersicht nennt für jede wichtige Aufgabe (z. B. Meldewesen, Standesamt, Kasse, Sozialleistungen, Alarmierung der Feuerwehr) die benötigten Systeme und die maximal tolerierbare Ausfallzeit, abgestimmt mit den Amtsleitungen.',
        en: 'Yes means: an overview lists, for every important task (e.g. registration, registry office, treasury, social benefits, fire brigade alerting), the systems it needs and the maximum tolerable downtime, agreed with the heads of department.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['DER.4.A7'], grundschutzPlusPlus: ['NOT.1.1'] },
      measures: [
        {
          id: 'BB-NOT-02-M1',
          type: 'workshop',
          title: { de: 'Workshop zeitkritische Aufgaben', en: 'Workshop on time-critical tasks' },
          description: {
            de: 'Mit den Amtsleitungen zeitkritische Aufgaben, Abhängigkeiten und tolerierbare Ausfallzeiten erarbeiten.',
            en: 'Work out time-critical tasks, dependencies and tolerable downtimes with the heads of department.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-03',
      question: {
        de: 'Gibt es ein Notfallhandbuch mit Rollen, Alarmierung, Sofortmaßnahmen und Kontaktdaten für den Ausfall der IT?',
        en: 'Is there an emergency manual with roles, alerting, immediate measures and contact details for IT outages?',
      },
      guidance: {
        de: 'Ja heißt: Das Handbuch ist kurz und praxistauglich, beschreibt typische Szenarien (Ausfall Server, Internet, Strom, Cyberangriff) und wird mindestens jährlich aktualisiert.',
        en: 'Yes means: the manual is short and practical, describes typical scenarios (server, internet or power outage, cyber attack) and is updated at least annually.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['DER.4.A1'], grundschutzPlusPlus: ['NOT.1.1.1', 'NOT.1.1.3'] },
      measures: [
        {
          id: 'BB-NOT-03-M1',
          type: 'organisational',
          title: { de: 'Notfallhandbuch erstellen', en: 'Write an emergency manual' },
          description: {
            de: 'Notfallhandbuch nach Vorlage erstellen, mit IT-Dienstleister abstimmen und jährliche Aktualisierung festlegen.',
            en: 'Write an emergency manual from a template, agree it with the IT provider and set an annual update.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-04',
      question: {
        de: 'Ist festgelegt, wer bei einem großen IT-Notfall entscheidet, wie ein Krisenstab einberufen wird und wie er mit dem Stab für außergewöhnliche Ereignisse zusammenarbeitet?',
        en: 'Is it defined who decides in a major IT emergency, how a crisis team is convened and how it works with the staff for extraordinary events?',
      },
      guidance: {
        de: 'Ja heißt: Alarmierungskriterien, Zusammensetzung des Stabs, Entscheidungsbefugnisse und ein Treffpunkt sind beschrieben; die Schnittstelle zu vorhandenen Stäben des Katastrophenschutzes ist geklärt.',
        en: 'Yes means: alerting criteria, composition of the team, decision-making powers and a meeting point are described; the interface to existing civil protection staffs is clarified.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['NOT.2.1', 'NOT.2.1.1', 'NOT.2.1.2'] },
      measures: [
        {
          id: 'BB-NOT-04-M1',
          type: 'organisational',
          title: { de: 'Krisenorganisation festlegen', en: 'Define the crisis organisation' },
          description: {
            de: 'Alarmierung und Zusammensetzung des Krisenstabs festlegen und mit vorhandenen Stabsstrukturen abstimmen.',
            en: 'Define alerting and composition of the crisis team and align them with existing staff structures.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-05',
      question: {
        de: 'Gibt es für die zeitkritischen Systeme Wiederanlaufpläne mit Reihenfolge, Abhängigkeiten und Zuständigkeiten?',
        en: 'Are there restart plans for the time-critical systems with sequence, dependencies and responsibilities?',
      },
      guidance: {
        de: 'Ja heißt: Für jedes zeitkritische System ist beschrieben, was in welcher Reihenfolge wiederhergestellt wird (z. B. Netz, Verzeichnisdienst, Datenbank, Fachverfahren) und wer das tut, einschließlich der Dienstleister.',
        en: 'Yes means: for every time-critical system it is described what is restored in which order (e.g. network, directory service, database, specialised application) and who does it, including providers.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: ['SYS.1.1.A22'], grundschutzPlusPlus: ['NOT.3.1'] },
      measures: [
        {
          id: 'BB-NOT-05-M1',
          type: 'organisational',
          title: { de: 'Wiederanlaufpläne erstellen', en: 'Write restart plans' },
          description: {
            de: 'Wiederanlaufpläne für die zeitkritischen Systeme mit Dienstleistern erarbeiten und ins Notfallhandbuch aufnehmen.',
            en: 'Work out restart plans for the time-critical systems with providers and add them to the emergency manual.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-06',
      question: {
        de: 'Sind Notfallhandbuch, Kontaktlisten und Wiederanlaufpläne auch dann verfügbar, wenn die gesamte IT ausgefallen ist?',
        en: 'Are the emergency manual, contact lists and restart plans available even if the entire IT has failed?',
      },
      guidance: {
        de: 'Ja heißt: Aktuelle Ausdrucke oder Kopien auf einem geschützten Offline-Datenträger liegen an mindestens zwei bekannten Orten, zum Beispiel im Tresor und bei der Verwaltungsleitung.',
        en: 'Yes means: current printouts or copies on a protected offline medium are kept in at least two known places, for example in the safe and with the head of administration.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.4.A1'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-NOT-06-M1',
          type: 'organisational',
          title: { de: 'Offline-Exemplare hinterlegen', en: 'Deposit offline copies' },
          description: {
            de: 'Notfallunterlagen ausdrucken, an zwei Orten hinterlegen und bei jeder Aktualisierung austauschen.',
            en: 'Print the emergency documents, deposit them in two places and replace them with every update.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-07',
      question: {
        de: 'Gibt es einen Ausweichweg für Kommunikation, wenn Telefonanlage, E-Mail oder Internet ausfallen?',
        en: 'Is there an alternative communication path if the phone system, e-mail or internet fail?',
      },
      guidance: {
        de: 'Ja heißt: Dienst-Mobiltelefone, eine unabhängige Leitung oder Funk stehen bereit, die wichtigsten Nummern sind offline verfügbar, und die Bürgerinformation (z. B. Aushang, Presse, Website beim externen Hoster) ist vorbereitet.',
        en: 'Yes means: official mobile phones, an independent line or radio are available, the key numbers are available offline, and citizen information (e.g. notices, press, website at an external host) is prepared.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['NOT.3.5'] },
      measures: [
        {
          id: 'BB-NOT-07-M1',
          type: 'technical',
          title: { de: 'Ausweichkommunikation bereitstellen', en: 'Provide fallback communication' },
          description: {
            de: 'Unabhängige Kommunikationsmittel bereitstellen und in das Notfallhandbuch aufnehmen.',
            en: 'Provide independent means of communication and add them to the emergency manual.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-08',
      question: {
        de: 'Können die wichtigsten Bürgerleistungen bei einem längeren IT-Ausfall in einem Notbetrieb, etwa mit Papierformularen, weitergeführt werden?',
        en: 'Can the most important citizen services continue in emergency mode, e.g. with paper forms, during a longer IT outage?',
      },
      guidance: {
        de: 'Ja heißt: Für zeitkritische Aufgaben sind manuelle Ersatzverfahren beschrieben, Vordrucke liegen bereit, und es ist geregelt, wie die Daten nach dem Ausfall nachgetragen werden.',
        en: 'Yes means: manual fallback procedures are described for time-critical tasks, blank forms are ready, and it is defined how the data will be entered afterwards.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['NOT.3.2', 'NOT.3.6'] },
      measures: [
        {
          id: 'BB-NOT-08-M1',
          type: 'workshop',
          title: { de: 'Notbetrieb planen', en: 'Plan emergency operation' },
          description: {
            de: 'Mit den Fachbereichen manuelle Ersatzverfahren erarbeiten und Vordrucke vorbereiten.',
            en: 'Work out manual fallback procedures with the departments and prepare blank forms.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-09',
      question: {
        de: 'Wissen die Beschäftigten, wie sie sich bei einem IT-Notfall verhalten sollen und wo sie Informationen erhalten?',
        en: 'Do staff know how to behave during an IT emergency and where they get information?',
      },
      guidance: {
        de: 'Ja heißt: Die Beschäftigten sind über Meldewege, Ansprechpersonen und Informationskanäle im Notfall informiert; das Thema ist Teil der Einweisung und der Jahresschulung.',
        en: 'Yes means: staff have been informed about reporting channels, contacts and information channels in an emergency; the topic is part of onboarding and the annual training.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.4.A8'], grundschutzPlusPlus: ['NOT.3.3'] },
      measures: [
        {
          id: 'BB-NOT-09-M1',
          type: 'training',
          title: {
            de: 'Sensibilisierung Verhalten im Notfall',
            en: 'Awareness on behaviour in an emergency',
          },
          description: {
            de: 'Kurzmodul zum Verhalten im IT-Notfall in Einweisung und Jahresschulung aufnehmen.',
            en: 'Add a short module on behaviour during an IT emergency to onboarding and annual training.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-10',
      question: {
        de: 'Wird die Notfallvorsorge regelmäßig geübt, zum Beispiel durch Alarmierungstests, Wiederanlauftests oder Stabsübungen?',
        en: 'Is emergency preparedness exercised regularly, for example through alerting tests, restart tests or crisis team exercises?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt einen Übungsplan, mindestens eine Übung pro Jahr wurde durchgeführt, und die Ergebnisse sind dokumentiert und in Verbesserungen eingeflossen.',
        en: 'Yes means: there is an exercise plan, at least one exercise per year has been carried out, and the results are documented and have fed into improvements.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['DER.4.A14'], grundschutzPlusPlus: ['NOT.3.4', 'NOT.2.1.4'] },
      measures: [
        {
          id: 'BB-NOT-10-M1',
          type: 'workshop',
          title: { de: 'Notfallübung', en: 'Emergency exercise' },
          description: {
            de: 'Jährliche Übung planen, etwa Alarmierungstest oder Stabsrahmenübung zum IT-Ausfall, und auswerten.',
            en: 'Plan and evaluate an annual exercise, such as an alerting test or a crisis team exercise on an IT outage.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-11',
      question: {
        de: 'Werden die Notfallunterlagen mindestens jährlich und nach wesentlichen Änderungen überprüft und aktualisiert?',
        en: 'Are the emergency documents reviewed and updated at least once a year and after significant changes?',
      },
      guidance: {
        de: 'Ja heißt: Die Dokumente tragen ein aktuelles Prüfdatum, und Änderungen an Systemen, Dienstleistern oder Personal führen nachweislich zu Anpassungen.',
        en: 'Yes means: the documents carry a current review date, and changes to systems, providers or staff demonstrably lead to updates.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['DER.4.A14'], grundschutzPlusPlus: ['NOT.1.2'] },
      measures: [
        {
          id: 'BB-NOT-11-M1',
          type: 'organisational',
          title: { de: 'Pflegezyklus Notfallunterlagen', en: 'Upkeep cycle for emergency documents' },
          description: {
            de: 'Jährlichen Prüftermin festlegen und Änderungsanlässe definieren, die eine Aktualisierung auslösen.',
            en: 'Set an annual review date and define triggers that require an update.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-12',
      question: {
        de: 'Ist die zentrale IT auf einen langanhaltenden Stromausfall vorbereitet, etwa durch Netzersatzanlage oder Einspeisepunkt und geregelte Treibstoffversorgung?',
        en: 'Is the central IT prepared for a prolonged power outage, e.g. through a standby generator or feed-in point and a regulated fuel supply?',
      },
      guidance: {
        de: 'Ja heißt: Für Serverraum und zeitkritische Arbeitsplätze ist eine Notstromversorgung vorhanden oder mit der Gefahrenabwehrplanung abgestimmt, und sie wurde unter Last getestet.',
        en: 'Yes means: an emergency power supply exists for the server room and time-critical workstations or is coordinated with emergency planning, and it has been tested under load.',
      },
      level: 'elevated',
      effort: 'high',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.9.1.4', 'GEB.9.2'] },
      measures: [
        {
          id: 'BB-NOT-12-M1',
          type: 'technical',
          title: { de: 'Notstromversorgung für die IT', en: 'Emergency power for the IT' },
          description: {
            de: 'Notstrombedarf ermitteln, Einspeisung oder Netzersatzanlage einplanen und Lasttest durchführen.',
            en: 'Determine emergency power needs, plan a feed-in point or standby generator and carry out a load test.',
          },
        },
      ],
    },
    {
      id: 'BB-NOT-13',
      question: {
        de: 'Ist vorgesorgt, dass bei Hardwaredefekten schnell Ersatz verfügbar ist, etwa durch Ersatzgeräte oder Wartungsverträge mit zugesicherter Reaktionszeit?',
        en: 'Is provision made for quick replacement in the event of hardware failures, e.g. through spare devices or maintenance contracts with guaranteed response times?',
      },
      guidance: {
        de: 'Ja heißt: Für zentrale Komponenten (Firewall, Switches, Server, Speicher) gibt es Ersatzgeräte oder Wartungsverträge, deren Reaktionszeit zur tolerierbaren Ausfallzeit passt.',
        en: 'Yes means: for central components (firewall, switches, servers, storage) there are spare devices or maintenance contracts whose response time matches the tolerable downtime.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.3.14', 'BES.2.1.6'] },
      measures: [
        {
          id: 'BB-NOT-13-M1',
          type: 'organisational',
          title: { de: 'Ersatzteil- und Wartungsvorsorge', en: 'Spare parts and maintenance provision' },
          description: {
            de: 'Reaktionszeiten der Wartungsverträge mit den tolerierbaren Ausfallzeiten abgleichen und Ersatzgeräte bevorraten.',
            en: 'Compare maintenance contract response times with tolerable downtimes and keep spare devices in stock.',
          },
        },
      ],
    },
  ],
};
