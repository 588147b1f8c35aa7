import type { BaselineTopic } from '../types.ts';

export const dataProtectionTopic: BaselineTopic = {
  id: 'BB-DSZ',
  code: 'DSZ',
  title: {
    de: 'Schnittstelle zum Datenschutz',
    en: 'Interface with data protection',
  },
  rationale: {
    de: 'Kommunen verarbeiten viele besonders schutzwürdige personenbezogene Daten, und Datenschutz und Informationssicherheit erreichen ihre Ziele nur, wenn ISB und Datenschutzbeauftragte abgestimmt arbeiten.',
    en: 'Municipalities process a great deal of particularly sensitive personal data, and data protection and information security only reach their goals when the ISB and the data protection officer work in concert.',
  },
  requirements: [
    {
      id: 'BB-DSZ-01',
      question: {
        de: 'Stimmen sich ISB und Datenschutzbeauftragte bzw. Datenschutzbeauftragter regelmäßig ab, zum Beispiel in gemeinsamen Terminen?',
        en: 'Do the ISB and the data protection officer coordinate regularly, for example in joint meetings?',
      },
      guidance: {
        de: 'Ja heißt: Beide Rollen sind besetzt, kennen sich und treffen sich mindestens quartalsweise oder anlassbezogen; Aufgaben an der Schnittstelle (Vorfälle, neue Verfahren, Verträge) sind abgegrenzt. Nachweis: Termine oder Protokolle.',
        en: 'Yes means: both roles are filled, know each other and meet at least quarterly or when needed; tasks at the interface (incidents, new applications, contracts) are delineated. Evidence: meeting dates or minutes.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-DSZ-01-M1',
          type: 'organisational',
          title: { de: 'Regeltermin ISB und Datenschutz', en: 'Regular ISB and data protection meeting' },
          description: {
            de: 'Quartalsweisen Abstimmungstermin einrichten und die Aufgabenteilung an der Schnittstelle schriftlich festhalten.',
            en: 'Set up a quarterly coordination meeting and record the division of tasks at the interface in writing.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-02',
      question: {
        de: 'Gibt es ein Verzeichnis der Verarbeitungstätigkeiten, das mit dem Verzeichnis der IT-Systeme und Anwendungen abgeglichen ist?',
        en: 'Is there a record of processing activities that has been reconciled with the inventory of IT systems and applications?',
      },
      guidance: {
        de: 'Ja heißt: Zu jeder Verarbeitungstätigkeit ist erkennbar, welche Fachverfahren und Systeme beteiligt sind, und zu jedem Fachverfahren gibt es einen Eintrag im Verzeichnis. Stichprobe: drei Fachverfahren in beiden Verzeichnissen suchen.',
        en: 'Yes means: for every processing activity it is clear which specialised applications and systems are involved, and every specialised application has an entry in the record. Spot check: look up three specialised applications in both inventories.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.2.A1'], grundschutzPlusPlus: ['ASST.2.1', 'ASST.2.1.1'] },
      measures: [
        {
          id: 'BB-DSZ-02-M1',
          type: 'organisational',
          title: { de: 'Verzeichnisse abgleichen', en: 'Reconcile the inventories' },
          description: {
            de: 'Verarbeitungsverzeichnis und IT-Inventar gegenüberstellen, Lücken schließen und gegenseitige Verweise anlegen.',
            en: 'Compare the record of processing activities with the IT inventory, close gaps and add cross-references.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-03',
      question: {
        de: 'Ist geregelt, wie Sicherheitsvorfälle mit Bezug zu personenbezogenen Daten innerhalb von 72 Stunden geprüft und gegebenenfalls der Datenschutzaufsicht gemeldet werden?',
        en: 'Is it defined how security incidents involving personal data are assessed and, where required, reported to the data protection authority within 72 hours?',
      },
      guidance: {
        de: 'Ja heißt: Der Ablauf zur Vorfallbehandlung bindet die Datenschutzbeauftragte bzw. den Datenschutzbeauftragten sofort ein, nennt die Entscheidungsbefugnis für die Meldung und enthält ein Meldeformular. Nachweis: Ablaufbeschreibung und ggf. frühere Meldungen.',
        en: 'Yes means: the incident handling procedure involves the data protection officer immediately, names who decides on reporting and includes a report form. Evidence: procedure description and any earlier reports.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['DER.2.1.A4'], grundschutzPlusPlus: ['REA.2.6.2', 'REA.2.6.2.1'] },
      measures: [
        {
          id: 'BB-DSZ-03-M1',
          type: 'organisational',
          title: { de: 'Meldeablauf Datenschutzverletzung', en: 'Procedure for personal data breaches' },
          description: {
            de: 'Gemeinsamen Ablauf von ISB und Datenschutz mit Fristen, Zuständigkeiten und Formular festlegen.',
            en: 'Define a joint procedure of ISB and data protection with deadlines, responsibilities and a form.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-04',
      question: {
        de: 'Bestehen mit allen Dienstleistern, die im Auftrag personenbezogene Daten verarbeiten, Verträge zur Auftragsverarbeitung?',
        en: 'Are there data processing agreements with all service providers that process personal data on the municipality’s behalf?',
      },
      guidance: {
        de: 'Ja heißt: Für jeden solchen Dienstleister (Rechenzentrum, Fachverfahrenshersteller mit Fernwartung, Aktenvernichter, Cloud-Dienste) liegt ein unterschriebener Vertrag vor, der auch technische und organisatorische Maßnahmen beschreibt. Abgleich mit der Dienstleisterliste.',
        en: 'Yes means: for every such provider (data centre, vendor of a specialised application with remote maintenance, document shredding company, cloud services) there is a signed agreement that also describes technical and organisational measures. Cross-check with the list of service providers.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.5.3', 'BES.5.5'] },
      measures: [
        {
          id: 'BB-DSZ-04-M1',
          type: 'organisational',
          title: {
            de: 'Verträge zur Auftragsverarbeitung vervollständigen',
            en: 'Complete data processing agreements',
          },
          description: {
            de: 'Dienstleisterliste durchgehen, fehlende Verträge nachfordern und Ablageort sowie Wiedervorlage festlegen.',
            en: 'Go through the list of service providers, request missing agreements and define storage location and follow-up dates.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-05',
      question: {
        de: 'Sind die technischen und organisatorischen Maßnahmen zum Schutz personenbezogener Daten dokumentiert und mit dem Sicherheitskonzept abgestimmt?',
        en: 'Are the technical and organisational measures for protecting personal data documented and aligned with the security concept?',
      },
      guidance: {
        de: 'Ja heißt: Die TOM-Beschreibung verweist auf die tatsächlich umgesetzten Sicherheitsmaßnahmen und widerspricht ihnen nicht. Eine Methode wie das Standard-Datenschutzmodell erleichtert den Abgleich.',
        en: 'Yes means: the description of technical and organisational measures refers to the security measures actually implemented and does not contradict them. A method such as the Standard Data Protection Model makes the comparison easier.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['CON.2.A1'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-DSZ-05-M1',
          type: 'organisational',
          title: { de: 'TOM und Sicherheitskonzept abgleichen', en: 'Align TOMs and the security concept' },
          description: {
            de: 'TOM-Dokumentation anhand des Sicherheitskonzepts aktualisieren und auf gemeinsame Maßnahmen verweisen.',
            en: 'Update the documentation of technical and organisational measures against the security concept and refer to shared measures.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-06',
      question: {
        de: 'Sind Aufbewahrungs- und Löschfristen für die wichtigsten Datenbestände festgelegt, und werden Daten danach tatsächlich gelöscht?',
        en: 'Have retention and deletion periods been set for the most important data sets, and are data actually deleted afterwards?',
      },
      guidance: {
        de: 'Ja heißt: Ein Löschkonzept nennt Fristen je Datenart, und in den Fachverfahren oder Ablagen ist eine Löschroutine eingerichtet. Stichprobe: alte Vorgänge in einem Fachverfahren oder Netzlaufwerk suchen.',
        en: 'Yes means: a deletion concept lists periods for each type of data, and a deletion routine is set up in the specialised applications or file shares. Spot check: look for old cases in a specialised application or file share.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['CON.6.A1'], grundschutzPlusPlus: ['ASST.7.2', 'ASST.7.3'] },
      measures: [
        {
          id: 'BB-DSZ-06-M1',
          type: 'organisational',
          title: { de: 'Löschkonzept erstellen', en: 'Create a deletion concept' },
          description: {
            de: 'Fristen je Datenart festlegen, mit Fachverantwortlichen abstimmen und Löschläufe in Fachverfahren einplanen.',
            en: 'Define periods per type of data, agree them with process owners and schedule deletion runs in the specialised applications.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-07',
      question: {
        de: 'Werden ausgesonderte Datenträger und Akten so vernichtet, dass die Daten nicht wiederhergestellt werden können?',
        en: 'Are discarded storage media and paper files destroyed in a way that prevents the data from being recovered?',
      },
      guidance: {
        de: 'Ja heißt: Festplatten, USB-Sticks und Papier werden nach einer passenden Sicherheitsstufe (z. B. nach DIN 66399) vernichtet oder sicher überschrieben, mit Vernichtungsnachweis. Verschlossene Sammelbehälter stehen bereit.',
        en: 'Yes means: hard disks, USB sticks and paper are destroyed to a suitable security level (e.g. per DIN 66399) or securely overwritten, with a certificate of destruction. Locked collection bins are available.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['CON.6.A2'], grundschutzPlusPlus: ['ASST.7.3.1', 'ASST.7.3.2'] },
      measures: [
        {
          id: 'BB-DSZ-07-M1',
          type: 'organisational',
          title: { de: 'Vernichtungsprozess regeln', en: 'Regulate the destruction process' },
          description: {
            de: 'Dienstleister oder Gerät für die Vernichtung festlegen, Sammelbehälter aufstellen und Nachweise ablegen.',
            en: 'Designate a provider or device for destruction, set up collection bins and file the certificates.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-08',
      question: {
        de: 'Wird die oder der ISB beteiligt, wenn für ein neues Verfahren eine Datenschutz-Folgenabschätzung erstellt wird?',
        en: 'Is the ISB involved when a data protection impact assessment is prepared for a new application?',
      },
      guidance: {
        de: 'Ja heißt: Der Ablauf zur Einführung neuer Verfahren sieht die Beteiligung der ISB vor, und in vorhandenen Folgenabschätzungen sind Sicherheitsmaßnahmen von der ISB geprüft. Gibt es noch keine Folgenabschätzung, prüfen Sie die Einführungsregel.',
        en: 'Yes means: the procedure for introducing new applications provides for the ISB’s involvement, and existing impact assessments contain security measures reviewed by the ISB. If there is no impact assessment yet, check the introduction rule.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-DSZ-08-M1',
          type: 'organisational',
          title: {
            de: 'ISB in Einführungsprozess einbinden',
            en: 'Involve the ISB in the introduction process',
          },
          description: {
            de: 'Beteiligung der ISB als festen Schritt in die Checkliste für neue Verfahren und Folgenabschätzungen aufnehmen.',
            en: 'Add the ISB’s involvement as a fixed step to the checklist for new applications and impact assessments.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-09',
      question: {
        de: 'Sind Telemetrie- und Cloud-Funktionen von Betriebssystemen und Büroanwendungen auf das notwendige Maß beschränkt?',
        en: 'Are the telemetry and cloud features of operating systems and office applications limited to what is necessary?',
      },
      guidance: {
        de: 'Ja heißt: Es ist dokumentiert, welche Online-Funktionen genutzt werden, und die übrigen sind zentral (z. B. per Gruppenrichtlinie) abgeschaltet. Nachweis: Richtlinienbericht oder Konfigurationsauszug.',
        en: 'Yes means: it is documented which online features are used, and the others are disabled centrally (e.g. by group policy). Evidence: policy report or configuration extract.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.2.1.A42'], grundschutzPlusPlus: ['KONF.2.4.2'] },
      measures: [
        {
          id: 'BB-DSZ-09-M1',
          type: 'technical',
          title: { de: 'Telemetrie zentral einschränken', en: 'Restrict telemetry centrally' },
          description: {
            de: 'Benötigte Online-Funktionen festlegen und die übrigen über zentrale Richtlinien deaktivieren.',
            en: 'Decide which online features are needed and disable the rest via central policies.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-10',
      question: {
        de: 'Werden personenbezogene Daten nur verschlüsselt an Externe übermittelt, etwa per verschlüsselter E-Mail oder sicherer Dateiübertragung?',
        en: 'Are personal data only transmitted to external parties in encrypted form, e.g. via encrypted e-mail or secure file transfer?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt ein bereitgestelltes Verfahren (z. B. Verschlüsselungs-Gateway, Behördenpostfach, sicherer Datenaustausch) und eine Regel, wann es zu nutzen ist. Prüfen Sie, ob die Beschäftigten es kennen und verwenden.',
        en: 'Yes means: a provided method exists (e.g. encryption gateway, authority mailbox, secure data exchange) and a rule on when to use it. Check whether staff know and use it.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.4.2', 'DLS.2.2'] },
      measures: [
        {
          id: 'BB-DSZ-10-M1',
          type: 'technical',
          title: {
            de: 'Sicheren Übermittlungsweg bereitstellen',
            en: 'Provide a secure transmission channel',
          },
          description: {
            de: 'Verschlüsselte Übermittlung einrichten und eine kurze Anleitung für die Beschäftigten veröffentlichen.',
            en: 'Set up encrypted transmission and publish a short guide for staff.',
          },
        },
      ],
    },
    {
      id: 'BB-DSZ-11',
      question: {
        de: 'Wird darauf verzichtet, für Tests, Schulungen und Vorführungen echte Bürgerdaten zu verwenden?',
        en: 'Is the use of real citizens’ data avoided for tests, training sessions and demonstrations?',
      },
      guidance: {
        de: 'Ja heißt: Test- und Schulungsumgebungen von Fachverfahren nutzen erfundene oder anonymisierte Daten; Ausnahmen sind begründet und mit dem Datenschutz abgestimmt. Fragen Sie bei den Fachverfahrensbetreuenden nach.',
        en: 'Yes means: test and training environments of specialised applications use made-up or anonymised data; exceptions are justified and agreed with data protection. Ask the people who look after the specialised applications.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['TEST.3.1.4', 'ASST.3.8'] },
      measures: [
        {
          id: 'BB-DSZ-11-M1',
          type: 'organisational',
          title: { de: 'Testdaten-Regel', en: 'Test data rule' },
          description: {
            de: 'Regel zur Nutzung von Testdaten erlassen und mit den Herstellern der Fachverfahren anonymisierte Testdaten vereinbaren.',
            en: 'Issue a rule on test data and agree anonymised test data with the vendors of the specialised applications.',
          },
        },
      ],
    },
  ],
};
