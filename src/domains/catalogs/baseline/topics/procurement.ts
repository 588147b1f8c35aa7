import type { BaselineTopic } from '../types.ts';

export const procurementTopic: BaselineTopic = {
  id: 'BB-BES',
  code: 'BES',
  title: {
    de: 'Beschaffung',
    en: 'Procurement',
  },
  rationale: {
    de: 'Was bei der Vergabe nicht gefordert wird, lässt sich im Betrieb oft nur teuer nachrüsten, daher müssen Sicherheitsanforderungen schon in Ausschreibung, Auswahl und Abnahme einfließen.',
    en: 'What is not required at the tender stage can often only be retrofitted at great cost during operation, so security requirements must feed into tendering, selection and acceptance.',
  },
  requirements: [
    {
      id: 'BB-BES-01',
      question: {
        de: 'Werden bei der Beschaffung von IT-Produkten und Software Sicherheitsanforderungen in einer Anforderungsliste festgelegt und bei der Auswahl bewertet?',
        en: 'Are security requirements for IT products and software defined in a requirements list during procurement and assessed in the selection?',
      },
      guidance: {
        de: 'Ja heißt: Leistungsbeschreibungen der letzten Beschaffungen enthalten Sicherheitskriterien (z. B. Verschlüsselung, Rollen- und Rechtekonzept, Protokollierung, Updates), und diese flossen nachweislich in die Wertung ein.',
        en: 'Yes means: the specifications of recent procurements contain security criteria (e.g. encryption, role and permission concept, logging, updates), and these demonstrably fed into the evaluation.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['APP.6.A2', 'APP.6.A3'], grundschutzPlusPlus: ['BES.4.2', 'BES.4.3'] },
      measures: [
        {
          id: 'BB-BES-01-M1',
          type: 'organisational',
          title: { de: 'Sicherheitskriterien für Vergaben', en: 'Security criteria for tenders' },
          description: {
            de: 'Katalog von Sicherheitskriterien für typische IT-Beschaffungen erstellen und der Vergabestelle bereitstellen.',
            en: 'Create a catalogue of security criteria for typical IT procurements and provide it to the procurement office.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-02',
      question: {
        de: 'Wird die oder der ISB bei IT-Beschaffungen und der Einführung neuer Fachverfahren frühzeitig beteiligt?',
        en: 'Is the ISB involved at an early stage in IT procurements and the introduction of new specialised applications?',
      },
      guidance: {
        de: 'Ja heißt: Eine Regel (z. B. in der Dienstanweisung zur Vergabe) sieht die Beteiligung vor einem Schwellenwert oder bei bestimmten Arten von Beschaffungen vor, und Vermerke zeigen, dass sie stattfindet.',
        en: 'Yes means: a rule (e.g. in the procurement service instruction) provides for involvement above a threshold or for certain types of procurement, and notes show that it takes place.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.5.A2'], grundschutzPlusPlus: ['BES.1.1.2'] },
      measures: [
        {
          id: 'BB-BES-02-M1',
          type: 'organisational',
          title: { de: 'ISB-Beteiligung in der Vergabe', en: 'ISB involvement in procurement' },
          description: {
            de: 'Beteiligung der ISB als Pflichtschritt in den Beschaffungsablauf aufnehmen.',
            en: 'Add the ISB’s involvement as a mandatory step in the procurement process.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-03',
      question: {
        de: 'Wird bei der Beschaffung sichergestellt, dass der Hersteller für die geplante Nutzungsdauer Sicherheitsupdates liefert?',
        en: 'Does procurement ensure that the vendor will provide security updates for the planned period of use?',
      },
      guidance: {
        de: 'Ja heißt: Die Leistungsbeschreibung oder der Vertrag nennt einen Mindestzeitraum für Sicherheitsupdates, und Wartungs- bzw. Supportverträge sind auf den Verfügbarkeitsbedarf abgestimmt.',
        en: 'Yes means: the specification or contract names a minimum period for security updates, and maintenance or support contracts match the availability needs.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.2.1.A11'], grundschutzPlusPlus: ['BES.2.1.6', 'BES.5.10.3'] },
      measures: [
        {
          id: 'BB-BES-03-M1',
          type: 'organisational',
          title: { de: 'Updatezeitraum vertraglich sichern', en: 'Secure the update period contractually' },
          description: {
            de: 'Mindestzeitraum für Sicherheitsupdates als Muss-Kriterium in Leistungsbeschreibungen aufnehmen.',
            en: 'Add a minimum period for security updates as a mandatory criterion in specifications.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-04',
      question: {
        de: 'Wird von Anbietern verlangt, dass Produkte sicher voreingestellt ausgeliefert werden und eine Härtungsanleitung mitgeliefert wird?',
        en: 'Are vendors required to deliver products with secure default settings and to supply a hardening guide?',
      },
      guidance: {
        de: 'Ja heißt: Ausschreibungen fordern sichere Voreinstellungen (keine Standardpasswörter, unnötige Dienste aus) und Dokumentation zur sicheren Konfiguration; bei der Abnahme wird das geprüft.',
        en: 'Yes means: tenders require secure defaults (no default passwords, unneeded services off) and documentation on secure configuration; this is checked at acceptance.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.4.6', 'BES.7.4.3', 'BES.7.4.2'] },
      measures: [
        {
          id: 'BB-BES-04-M1',
          type: 'organisational',
          title: { de: 'Sichere Voreinstellungen fordern', en: 'Require secure defaults' },
          description: {
            de: 'Anforderung an sichere Voreinstellungen und Härtungsdokumentation in Vergabevorlagen aufnehmen.',
            en: 'Add the requirement for secure defaults and hardening documentation to tender templates.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-05',
      question: {
        de: 'Werden IT-Produkte und Software nur über vertrauenswürdige Bezugsquellen beschafft, etwa direkt beim Hersteller oder bei autorisierten Händlern?',
        en: 'Are IT products and software only procured through trustworthy sources, e.g. directly from the vendor or from authorised resellers?',
      },
      guidance: {
        de: 'Ja heißt: Gebrauchte Lizenzen unklarer Herkunft, Graumarktgeräte und Downloads aus inoffiziellen Quellen sind ausgeschlossen; Ausnahmen werden von der IT geprüft.',
        en: 'Yes means: second-hand licences of unclear origin, grey-market devices and downloads from unofficial sources are excluded; exceptions are reviewed by IT.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['APP.6.A3'], grundschutzPlusPlus: ['BES.3.3', 'DET.5.10.1'] },
      measures: [
        {
          id: 'BB-BES-05-M1',
          type: 'organisational',
          title: { de: 'Zulässige Bezugsquellen festlegen', en: 'Define permitted sources' },
          description: {
            de: 'Zulässige Bezugsquellen in der Beschaffungsregel festlegen und Ausnahmen an eine IT-Prüfung knüpfen.',
            en: 'Define permitted sources in the procurement rule and make exceptions subject to an IT review.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-06',
      question: {
        de: 'Wird der Einsatz neuer Software vorab geplant und vor der Installation von der IT freigegeben?',
        en: 'Is the use of new software planned in advance and approved by IT before installation?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt ein Freigabeverfahren für Software (Antrag, Prüfung, Aufnahme in die Softwareliste), und auch kostenlose Programme und Browsererweiterungen durchlaufen es.',
        en: 'Yes means: there is an approval procedure for software (request, review, entry in the software list), and free programs and browser extensions also go through it.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['APP.6.A1', 'APP.6.A4'],
        grundschutzPlusPlus: ['ASST.2.3.1', 'BES.2.1.1'],
      },
      measures: [
        {
          id: 'BB-BES-06-M1',
          type: 'organisational',
          title: { de: 'Softwarefreigabeverfahren', en: 'Software approval procedure' },
          description: {
            de: 'Antrags- und Freigabeverfahren für Software einführen und die Softwareliste als Ergebnis pflegen.',
            en: 'Introduce a request and approval procedure for software and maintain the software list as its result.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-07',
      question: {
        de: 'Werden neu beschaffte Geräte und Lizenzen bei Eingang sofort im Inventar erfasst?',
        en: 'Are newly procured devices and licences recorded in the inventory immediately upon receipt?',
      },
      guidance: {
        de: 'Ja heißt: Wareneingang und Inventarisierung sind verbunden, Lizenzen sind mit Laufzeit erfasst, und Geräte werden erst nach Inventarisierung ausgegeben.',
        en: 'Yes means: goods receipt and inventory recording are linked, licences are recorded with their term, and devices are only handed out after being recorded.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.2.2', 'ASST.2.3', 'BES.2.1.5'] },
      measures: [
        {
          id: 'BB-BES-07-M1',
          type: 'organisational',
          title: {
            de: 'Wareneingang mit Inventarisierung verknüpfen',
            en: 'Link goods receipt with inventory',
          },
          description: {
            de: 'Inventarisierung als festen Schritt beim Wareneingang verankern und Lizenzlaufzeiten erfassen.',
            en: 'Anchor inventory recording as a fixed step at goods receipt and record licence terms.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-08',
      question: {
        de: 'Werden neue Systeme und Fachverfahren vor der Inbetriebnahme geprüft und formal abgenommen, einschließlich der Sicherheitseinstellungen?',
        en: 'Are new systems and specialised applications tested and formally accepted before going live, including their security settings?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt ein Abnahmeprotokoll mit Prüfung der vereinbarten Sicherheitsanforderungen (z. B. Rollen, Protokollierung, Verschlüsselung, geänderte Standardpasswörter) und eine dokumentierte Freigabe.',
        en: 'Yes means: there is an acceptance record covering the agreed security requirements (e.g. roles, logging, encryption, changed default passwords) and a documented approval.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.1.1.3.A9'], grundschutzPlusPlus: ['BES.7.1', 'TEST.4.1.3'] },
      measures: [
        {
          id: 'BB-BES-08-M1',
          type: 'organisational',
          title: {
            de: 'Abnahmeprotokoll mit Sicherheitsprüfung',
            en: 'Acceptance record with security check',
          },
          description: {
            de: 'Vorlage für Abnahmeprotokolle mit Sicherheitsprüfpunkten erstellen und bei jeder Inbetriebnahme nutzen.',
            en: 'Create an acceptance record template with security checkpoints and use it for every go-live.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-09',
      question: {
        de: 'Enthalten IT-Verträge Regelungen zu Auftragsverarbeitung, Meldepflichten bei Sicherheitsvorfällen und Informationssicherheit, etwa über EVB-IT-Vertragsmuster?',
        en: 'Do IT contracts contain provisions on data processing, reporting duties for security incidents and information security, e.g. via EVB-IT contract templates?',
      },
      guidance: {
        de: 'Ja heißt: Vergabeunterlagen nutzen geeignete Vertragsmuster mit Sicherheitsanlagen, und neue Verträge werden vor Unterzeichnung auf diese Punkte geprüft.',
        en: 'Yes means: tender documents use suitable contract templates with security annexes, and new contracts are checked for these points before signing.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.4.4', 'BES.5.3', 'BES.5.10'] },
      measures: [
        {
          id: 'BB-BES-09-M1',
          type: 'organisational',
          title: { de: 'Vertragsmuster mit Sicherheitsanlage', en: 'Contract template with security annex' },
          description: {
            de: 'Sicherheitsanlage für IT-Verträge erstellen und der Vergabestelle als Standard vorgeben.',
            en: 'Create a security annex for IT contracts and set it as standard for the procurement office.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-10',
      question: {
        de: 'Wird bei neuen Geräten und Anwendungen geprüft, zu welchen Hersteller- oder Cloud-Diensten sie von sich aus Verbindungen aufbauen, und werden nicht benötigte abgeschaltet?',
        en: 'For new devices and applications, is it checked which vendor or cloud services they connect to on their own, and are unneeded connections switched off?',
      },
      guidance: {
        de: 'Ja heißt: Vom Anbieter wird eine Liste der Verbindungen verlangt oder die IT ermittelt sie selbst; nicht benötigte Cloud-Anbindungen und Telemetrie werden vor der Inbetriebnahme deaktiviert.',
        en: 'Yes means: a list of connections is requested from the vendor or IT determines it itself; unneeded cloud connections and telemetry are disabled before go-live.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.7.4.5', 'KONF.2.4.2'] },
      measures: [
        {
          id: 'BB-BES-10-M1',
          type: 'technical',
          title: { de: 'Herstellerverbindungen prüfen', en: 'Check vendor connections' },
          description: {
            de: 'Verbindungsliste anfordern, ausgehende Verbindungen in der Testphase beobachten und nicht benötigte sperren.',
            en: 'Request the connection list, observe outbound connections during the test phase and block unneeded ones.',
          },
        },
      ],
    },
    {
      id: 'BB-BES-11',
      question: {
        de: 'Wird bei der Auswahl von Lieferanten und Dienstleistern deren Zuverlässigkeit in Sicherheitsfragen bewertet, etwa anhand von Referenzen oder Zertifikaten?',
        en: 'When selecting suppliers and service providers, is their reliability in security matters assessed, e.g. on the basis of references or certificates?',
      },
      guidance: {
        de: 'Ja heißt: Eignungskriterien in Vergaben enthalten Sicherheitsaspekte (z. B. Zertifizierungen, Umgang mit Schwachstellen, Sitz und Unterauftragnehmer), und die Bewertung ist dokumentiert.',
        en: 'Yes means: suitability criteria in tenders include security aspects (e.g. certifications, vulnerability handling, location and subcontractors), and the assessment is documented.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.3.2', 'BES.3.2.1'] },
      measures: [
        {
          id: 'BB-BES-11-M1',
          type: 'organisational',
          title: { de: 'Eignungskriterien Sicherheit', en: 'Security suitability criteria' },
          description: {
            de: 'Sicherheitsbezogene Eignungskriterien formulieren und in die Vergabevorlagen übernehmen.',
            en: 'Formulate security-related suitability criteria and add them to the tender templates.',
          },
        },
        {
          id: 'BB-BES-11-M2',
          type: 'training',
          title: { de: 'Schulung der Vergabestelle', en: 'Training for the procurement office' },
          description: {
            de: 'Kurzschulung der Vergabestelle zu Sicherheitskriterien und deren Bewertung in IT-Vergaben.',
            en: 'Short training for the procurement office on security criteria and how to assess them in IT tenders.',
          },
        },
      ],
    },
  ],
};
