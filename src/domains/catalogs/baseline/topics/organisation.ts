import type { BaselineTopic } from '../types.ts';

export const organisationTopic: BaselineTopic = {
  id: 'BB-ORG',
  code: 'ORG',
  title: {
    de: 'Organisation und Verantwortlichkeiten',
    en: 'Organisation and responsibilities',
  },
  rationale: {
    de: 'Ohne klare Verantwortung der Verwaltungsspitze, eine benannte ISB-Funktion und eine beschlossene Leitlinie bleiben alle übrigen Maßnahmen Stückwerk.',
    en: 'Without clear accountability of the head of administration, an appointed information security officer and an adopted policy, every other measure remains piecemeal.',
  },
  requirements: [
    {
      id: 'BB-ORG-01',
      question: {
        de: 'Hat die Verwaltungsleitung (z. B. Bürgermeisterin, Bürgermeister oder Landrat) die Gesamtverantwortung für Informationssicherheit ausdrücklich übernommen?',
        en: 'Has the head of administration (e.g. the mayor or district administrator) explicitly taken on overall responsibility for information security?',
      },
      guidance: {
        de: 'Ja heißt: Die Leitung hat die Verantwortung schriftlich erklärt, etwa in der Leitlinie, einer Dienstanweisung oder einem Vermerk, und lässt sich regelmäßig berichten. Nachweis: unterschriebenes Dokument und Termine der Berichte.',
        en: 'Yes means: the head has declared responsibility in writing, e.g. in the policy, a service instruction or a memo, and receives regular reports. Evidence: signed document and dates of the reports.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ISMS.1.A1'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-01-M1',
          type: 'organisational',
          title: {
            de: 'Verantwortungserklärung der Verwaltungsleitung',
            en: 'Statement of responsibility by the head of administration',
          },
          description: {
            de: 'Erklärung vorbereiten, in der die Leitung die Gesamtverantwortung übernimmt, und von ihr unterzeichnen lassen.',
            en: 'Prepare a statement in which the head of administration accepts overall responsibility and have it signed.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-02',
      question: {
        de: 'Ist eine Person schriftlich als Informationssicherheitsbeauftragte bzw. Informationssicherheitsbeauftragter (ISB) benannt?',
        en: 'Has a person been appointed in writing as information security officer (ISB)?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt eine Bestellung mit Namen, Aufgaben und Vertretung, und die Beschäftigten wissen, wer die ISB ist. Prüfen Sie Bestellungsschreiben, Geschäftsverteilungsplan und Intranet-Aushang.',
        en: 'Yes means: there is an appointment letter with name, tasks and deputy, and staff know who the ISB is. Check the appointment letter, the allocation of duties and the intranet notice.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ISMS.1.A4'], grundschutzPlusPlus: ['PERS.2.2', 'PERS.2.4'] },
      measures: [
        {
          id: 'BB-ORG-02-M1',
          type: 'organisational',
          title: { de: 'ISB bestellen', en: 'Appoint an ISB' },
          description: {
            de: 'Geeignete Person auswählen, Aufgaben und Befugnisse in einem Bestellungsschreiben festhalten und die Benennung intern bekannt machen.',
            en: 'Select a suitable person, record tasks and powers in an appointment letter and announce the appointment internally.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-03',
      question: {
        de: 'Hat die oder der ISB ausreichend Arbeitszeit für die Aufgabe und ein direktes Vortragsrecht bei der Verwaltungsleitung?',
        en: 'Does the ISB have enough working time for the role and the right to report directly to the head of administration?',
      },
      guidance: {
        de: 'Ja heißt: Ein fester Stellenanteil ist zugewiesen (als Orientierung bei kleinen Kommunen mindestens einige Stunden pro Woche) und die ISB kann ohne Umweg über die IT-Leitung berichten. Nachweis: Stellenbeschreibung oder Organisationsverfügung.',
        en: 'Yes means: a fixed share of a position is assigned (for small municipalities at least a few hours per week as a rule of thumb) and the ISB can report without going through the head of IT. Evidence: job description or organisational order.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ISMS.1.A4', 'ISMS.1.A6'], grundschutzPlusPlus: ['PERS.2.2'] },
      measures: [
        {
          id: 'BB-ORG-03-M1',
          type: 'organisational',
          title: {
            de: 'Stellenanteil und Berichtsweg der ISB festlegen',
            en: 'Define the ISB’s time allocation and reporting line',
          },
          description: {
            de: 'Zeitanteil in der Stellenbeschreibung verankern und den direkten Berichtsweg zur Verwaltungsleitung in einer Organisationsverfügung regeln.',
            en: 'Anchor the time allocation in the job description and set out the direct reporting line to the head of administration in an organisational order.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-04',
      question: {
        de: 'Falls die ISB-Aufgabe extern oder gemeinsam mit anderen Kommunen wahrgenommen wird: Sind Aufgaben, Befugnisse, Erreichbarkeit und Vertraulichkeit vertraglich geregelt?',
        en: 'If the ISB role is performed externally or shared with other municipalities: are tasks, powers, availability and confidentiality governed by a contract?',
      },
      guidance: {
        de: 'Ja heißt: Ein Vertrag oder eine öffentlich-rechtliche Vereinbarung nennt Leistungsumfang, Reaktionszeiten, Zugang zu Informationen und Verschwiegenheit. Wird die Aufgabe intern wahrgenommen, ist die Frage mit „nicht anwendbar“ zu beantworten.',
        en: 'Yes means: a contract or public-law agreement names the scope of services, response times, access to information and confidentiality. If the role is filled internally, answer “not applicable”.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ISMS.1.A5'], grundschutzPlusPlus: ['BES.5.1'] },
      measures: [
        {
          id: 'BB-ORG-04-M1',
          type: 'organisational',
          title: {
            de: 'Vereinbarung für externe oder interkommunale ISB',
            en: 'Agreement for an external or shared ISB',
          },
          description: {
            de: 'Mustervereinbarung mit Leistungsumfang, Stundenkontingent, Erreichbarkeit und Verschwiegenheitspflicht abschließen.',
            en: 'Conclude a model agreement covering scope, hours budget, availability and duty of confidentiality.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-05',
      question: {
        de: 'Gibt es eine von der Verwaltungsleitung beschlossene Leitlinie zur Informationssicherheit, die allen Beschäftigten bekannt ist?',
        en: 'Is there an information security policy adopted by the head of administration that all staff know about?',
      },
      guidance: {
        de: 'Ja heißt: Die Leitlinie beschreibt in wenigen Seiten Ziele, Geltungsbereich und Zuständigkeiten, ist unterschrieben und wurde veröffentlicht (Intranet, Rundschreiben). Prüfen Sie Datum der letzten Überarbeitung und den Nachweis der Bekanntgabe.',
        en: 'Yes means: the policy describes goals, scope and responsibilities in a few pages, is signed and has been published (intranet, circular). Check the date of the last revision and proof of publication.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ISMS.1.A3'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-05-M1',
          type: 'workshop',
          title: { de: 'Leitlinien-Workshop', en: 'Policy workshop' },
          description: {
            de: 'In einem halbtägigen Workshop mit Leitung, ISB, IT und Personalrat die Eckpunkte der Leitlinie erarbeiten.',
            en: 'Work out the key points of the policy in a half-day workshop with management, ISB, IT and the staff council.',
          },
        },
        {
          id: 'BB-ORG-05-M2',
          type: 'organisational',
          title: { de: 'Leitlinie beschließen und bekannt machen', en: 'Adopt and publish the policy' },
          description: {
            de: 'Leitlinie auf Basis einer Vorlage formulieren, durch die Leitung unterzeichnen lassen und allen Beschäftigten nachweisbar bekannt geben.',
            en: 'Draft the policy from a template, have it signed by the head of administration and communicate it to all staff in a verifiable way.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-06',
      question: {
        de: 'Sind konkrete Sicherheitsziele festgelegt, zum Beispiel welche Fachverfahren wie lange ausfallen dürfen?',
        en: 'Have concrete security objectives been set, for example how long which specialised applications may be unavailable?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt schriftliche Ziele, die sich an den Aufgaben der Kommune orientieren (z. B. Einwohnermeldewesen spätestens nach einem Arbeitstag wieder verfügbar). Die Ziele stehen in der Leitlinie oder einem eigenen Dokument.',
        en: 'Yes means: there are written objectives based on the municipality’s tasks (e.g. residents’ registration available again within one working day). The objectives are in the policy or a separate document.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ISMS.1.A2'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-06-M1',
          type: 'workshop',
          title: { de: 'Sicherheitsziele gemeinsam festlegen', en: 'Set security objectives together' },
          description: {
            de: 'Mit Amtsleitungen die wichtigsten Aufgaben durchgehen und je Aufgabe Ziele für Verfügbarkeit, Vertraulichkeit und Integrität festhalten.',
            en: 'Go through the most important tasks with the heads of department and record availability, confidentiality and integrity objectives for each.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-07',
      question: {
        de: 'Ist schriftlich festgelegt, wer für IT-Betrieb, Fachverfahren und Informationssicherheit jeweils zuständig ist?',
        en: 'Is it set down in writing who is responsible for IT operations, specialised applications and information security respectively?',
      },
      guidance: {
        de: 'Ja heißt: Geschäftsverteilungsplan oder Zuständigkeitsliste nennen für jedes wichtige System und Fachverfahren eine verantwortliche Stelle. Lücken zeigen sich oft bei Telefonanlage, Website und Schul-IT.',
        en: 'Yes means: the allocation of duties or a responsibility list names an accountable unit for every important system and specialised application. Gaps often show for the phone system, website and school IT.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.1.A1', 'ORP.1.A2'], grundschutzPlusPlus: ['PERS.2.1', 'PERS.2.4'] },
      measures: [
        {
          id: 'BB-ORG-07-M1',
          type: 'organisational',
          title: { de: 'Zuständigkeitsmatrix erstellen', en: 'Create a responsibility matrix' },
          description: {
            de: 'Tabelle mit Systemen und Fachverfahren, zuständiger Stelle und Vertretung anlegen und im Geschäftsverteilungsplan verankern.',
            en: 'Create a table of systems and specialised applications with responsible unit and deputy and anchor it in the allocation of duties.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-08',
      question: {
        de: 'Werden Aufgaben, die sich gegenseitig kontrollieren sollen, von verschiedenen Personen wahrgenommen (z. B. Anordnung und Auszahlung, Administration und Prüfung)?',
        en: 'Are tasks that are meant to check each other performed by different people (e.g. ordering and paying out, administration and auditing)?',
      },
      guidance: {
        de: 'Ja heißt: Unvereinbare Aufgaben sind benannt und organisatorisch getrennt; wo das personell nicht geht, gibt es eine dokumentierte Ausgleichskontrolle. Die ISB sollte nicht zugleich die IT administrieren.',
        en: 'Yes means: incompatible tasks are identified and organisationally separated; where staffing does not allow this, there is a documented compensating control. The ISB should not also administer the IT.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['ORP.1.A4'], grundschutzPlusPlus: ['PERS.2.3', 'PERS.2.3.3'] },
      measures: [
        {
          id: 'BB-ORG-08-M1',
          type: 'organisational',
          title: { de: 'Funktionstrennung prüfen', en: 'Review separation of duties' },
          description: {
            de: 'Unvereinbare Aufgaben auflisten, aktuelle Besetzung prüfen und für Ausnahmen Ausgleichskontrollen festlegen.',
            en: 'List incompatible tasks, check current assignments and define compensating controls for exceptions.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-09',
      question: {
        de: 'Gibt es für die ISB und für alle wichtigen IT-Aufgaben eine benannte und eingearbeitete Vertretung?',
        en: 'Is there a named and trained deputy for the ISB and for all important IT tasks?',
      },
      guidance: {
        de: 'Ja heißt: Die Vertretung ist benannt, kennt Zugänge und Abläufe und hat die Aufgabe schon einmal wahrgenommen. Besonders kritisch ist dies in Kommunen mit nur einer IT-Kraft.',
        en: 'Yes means: the deputy is named, knows the access paths and procedures and has already performed the task at least once. This is especially critical in municipalities with only one IT person.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['ORP.2.A3', 'OPS.1.1.2.A2'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-09-M1',
          type: 'organisational',
          title: { de: 'Vertretungsplan aufstellen', en: 'Draw up a deputy plan' },
          description: {
            de: 'Für jede Schlüsselaufgabe Vertretung benennen, Übergabedokumentation erstellen und eine begleitete Vertretung einplanen.',
            en: 'Name a deputy for each key task, write handover documentation and schedule a supervised stand-in.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-10',
      question: {
        de: 'Gibt es ein aktuelles Verzeichnis aller IT-Systeme und Anwendungen der Kommune?',
        en: 'Is there an up-to-date inventory of all IT systems and applications of the municipality?',
      },
      guidance: {
        de: 'Ja heißt: Das Verzeichnis enthält mindestens Gerät oder Anwendung, Standort, zuständige Person, Version und Hersteller und ist nicht älter als ein Jahr. Außenstellen wie Bauhof, Feuerwehr und Schulen gehören dazu, soweit die Kommune sie betreut.',
        en: 'Yes means: the inventory contains at least device or application, location, responsible person, version and vendor, and is no older than one year. Branch sites such as the building yard, fire brigade and schools are included as far as the municipality manages them.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.2.2', 'ASST.2.3'] },
      measures: [
        {
          id: 'BB-ORG-10-M1',
          type: 'technical',
          title: { de: 'Inventar aufbauen', en: 'Build an inventory' },
          description: {
            de: 'Geräte und Software mit einem Inventarisierungswerkzeug oder einer gepflegten Tabelle erfassen und einen Pflegeprozess festlegen.',
            en: 'Record devices and software with an inventory tool or a maintained spreadsheet and define an upkeep process.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-11',
      question: {
        de: 'Ist für die wichtigsten Fachverfahren und Datenbestände festgestellt, wie schutzbedürftig sie sind?',
        en: 'Has the protection need of the most important specialised applications and data sets been determined?',
      },
      guidance: {
        de: 'Ja heißt: Für jedes wichtige Verfahren ist der Schutzbedarf für Vertraulichkeit, Integrität und Verfügbarkeit (z. B. normal, hoch, sehr hoch) begründet festgehalten. Typisch hoch: Melde-, Personenstands-, Sozial- und Personaldaten.',
        en: 'Yes means: for each important application the protection need for confidentiality, integrity and availability (e.g. normal, high, very high) is recorded with reasons. Typically high: registration, civil status, social welfare and personnel data.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.2.4'] },
      measures: [
        {
          id: 'BB-ORG-11-M1',
          type: 'workshop',
          title: { de: 'Schutzbedarfsfeststellung', en: 'Protection needs assessment' },
          description: {
            de: 'Mit den Fachverantwortlichen die Verfahren durchgehen und den Schutzbedarf mit Begründung in einer Tabelle festhalten.',
            en: 'Go through the applications with the process owners and record the protection need with reasons in a table.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-12',
      question: {
        de: 'Gibt es eine verbindliche Dienstanweisung zur Nutzung von IT, E-Mail und Internet?',
        en: 'Is there a binding service instruction on the use of IT, e-mail and the internet?',
      },
      guidance: {
        de: 'Ja heißt: Die Dienstanweisung regelt unter anderem private Nutzung, Umgang mit Passwörtern, Datenträgern und Meldungen und ist mit dem Personalrat abgestimmt. Neue Beschäftigte bestätigen die Kenntnisnahme.',
        en: 'Yes means: the instruction covers, among other things, private use, handling of passwords, storage media and reporting, and has been agreed with the staff council. New staff confirm that they have read it.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.3.1', 'PERS.3.2'] },
      measures: [
        {
          id: 'BB-ORG-12-M1',
          type: 'organisational',
          title: { de: 'Dienstanweisung IT-Nutzung', en: 'Service instruction on IT use' },
          description: {
            de: 'Dienstanweisung nach Muster erstellen, mit Personalrat abstimmen, in Kraft setzen und Kenntnisnahme dokumentieren.',
            en: 'Draft the instruction from a template, agree it with the staff council, put it into force and document acknowledgement.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-13',
      question: {
        de: 'Sind die für die Kommune geltenden rechtlichen Vorgaben zur Informationssicherheit bekannt und zusammengestellt?',
        en: 'Are the legal requirements on information security that apply to the municipality known and compiled?',
      },
      guidance: {
        de: 'Ja heißt: Eine Liste nennt die einschlägigen Gesetze und Verordnungen (z. B. Landes-Informationssicherheitsgesetz, DSGVO und Landesdatenschutzgesetz, Vorgaben für Anschlüsse an Landesnetze) mit zuständiger Stelle. Die Liste wird bei Rechtsänderungen fortgeschrieben.',
        en: 'Yes means: a list names the relevant laws and regulations (e.g. state information security act, GDPR and state data protection act, conditions for connecting to state networks) with the responsible unit. The list is updated when the law changes.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['ORP.5.A1', 'ORP.5.A2'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-13-M1',
          type: 'organisational',
          title: { de: 'Rechtskataster Informationssicherheit', en: 'Register of legal requirements' },
          description: {
            de: 'Einschlägige Vorschriften sammeln, Zuständigkeiten zuordnen und jährliche Aktualisierung festlegen.',
            en: 'Collect the relevant provisions, assign responsibilities and set an annual update.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-14',
      question: {
        de: 'Gibt es ein schriftliches Sicherheitskonzept, das die Maßnahmen für die wichtigsten Systeme und Verfahren beschreibt?',
        en: 'Is there a written security concept that describes the measures for the most important systems and applications?',
      },
      guidance: {
        de: 'Ja heißt: Das Konzept beschreibt Geltungsbereich, Schutzbedarf, umgesetzte und geplante Maßnahmen und Restrisiken. Ein vollständiger IT-Grundschutz-Check ist dafür nicht Voraussetzung; der Bastei-Maßnahmenplan kann Teil des Konzepts sein.',
        en: 'Yes means: the concept describes scope, protection needs, implemented and planned measures and residual risks. A complete IT-Grundschutz check is not required; the Bastei measures plan can be part of the concept.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: ['ISMS.1.A10'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-14-M1',
          type: 'organisational',
          title: { de: 'Sicherheitskonzept erstellen', en: 'Write a security concept' },
          description: {
            de: 'Aus Inventar, Schutzbedarf und Ergebnissen dieser Erhebung ein Sicherheitskonzept mit Maßnahmenplan und Restrisiken zusammenstellen.',
            en: 'Compile a security concept with measures plan and residual risks from the inventory, protection needs and the results of this assessment.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-15',
      question: {
        de: 'Berichtet die oder der ISB mindestens einmal im Jahr der Verwaltungsleitung schriftlich über den Stand der Informationssicherheit?',
        en: 'Does the ISB report in writing to the head of administration on the state of information security at least once a year?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt einen Jahresbericht mit Vorfällen, Stand der Maßnahmen, Risiken und Empfehlungen, und die Leitung hat darüber entschieden. Nachweis: Bericht und Protokoll oder Vermerk der Besprechung.',
        en: 'Yes means: there is an annual report with incidents, status of measures, risks and recommendations, and management has decided on it. Evidence: the report and minutes or a note of the meeting.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['ISMS.1.A12'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-15-M1',
          type: 'organisational',
          title: { de: 'Jährlicher ISB-Bericht', en: 'Annual ISB report' },
          description: {
            de: 'Berichtsvorlage einführen und einen festen Termin im Jahr für Bericht und Leitungsentscheidung vereinbaren.',
            en: 'Introduce a report template and agree a fixed date each year for the report and management decisions.',
          },
        },
      ],
    },
    {
      id: 'BB-ORG-16',
      question: {
        de: 'Werden die Sicherheitsregelungen und der Maßnahmenplan regelmäßig, mindestens jährlich, überprüft und fortgeschrieben?',
        en: 'Are the security rules and the measures plan reviewed and updated regularly, at least once a year?',
      },
      guidance: {
        de: 'Ja heißt: Dokumente tragen ein Prüfdatum, offene Maßnahmen haben Termine und Verantwortliche, und der Fortschritt wird nachverfolgt. Anlass für eine außerplanmäßige Prüfung sind etwa Vorfälle, neue Fachverfahren oder Umzüge.',
        en: 'Yes means: documents carry a review date, open measures have deadlines and owners, and progress is tracked. Reasons for an unscheduled review include incidents, new specialised applications or relocations.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['ISMS.1.A11'], grundschutzPlusPlus: [] },
      measures: [
        {
          id: 'BB-ORG-16-M1',
          type: 'organisational',
          title: { de: 'Überprüfungszyklus einführen', en: 'Introduce a review cycle' },
          description: {
            de: 'Jährlichen Prüftermin festlegen, Dokumente mit Prüfdatum versehen und offene Maßnahmen in Bastei nachverfolgen.',
            en: 'Set an annual review date, mark documents with a review date and track open measures in Bastei.',
          },
        },
      ],
    },
  ],
};
