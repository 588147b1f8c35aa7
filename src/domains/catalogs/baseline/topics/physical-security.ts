import type { BaselineTopic } from '../types.ts';

export const physicalSecurityTopic: BaselineTopic = {
  id: 'BB-RAU',
  code: 'RAU',
  title: {
    de: 'Gebäude, Räume und Serverraum',
    en: 'Buildings, rooms and server room',
  },
  rationale: {
    de: 'Rathäuser sind öffentlich zugänglich, und Serverräume liegen oft im Keller oder in umgenutzten Abstellräumen, sodass Zutrittsschutz, Brand-, Wasser- und Stromschutz die Grundlage jeder technischen Sicherheit bilden.',
    en: 'Town halls are open to the public, and server rooms are often in basements or converted storerooms, so access control and protection against fire, water and power failure form the basis of all technical security.',
  },
  requirements: [
    {
      id: 'BB-RAU-01',
      question: {
        de: 'Ist für die Verwaltungsgebäude festgelegt, welche Bereiche öffentlich zugänglich sind und welche nur für Beschäftigte?',
        en: 'Has it been defined for the administrative buildings which areas are open to the public and which are for staff only?',
      },
      guidance: {
        de: 'Ja heißt: Ein Plan oder eine Beschreibung trennt Publikumsbereiche von internen Bereichen, und die Trennung ist im Gebäude erkennbar (Türen, Beschilderung, Öffnungszeiten).',
        en: 'Yes means: a plan or description separates public areas from internal areas, and the separation is visible in the building (doors, signage, opening hours).',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['INF.1.A1'], grundschutzPlusPlus: ['GEB.1.1', 'GEB.2.2'] },
      measures: [
        {
          id: 'BB-RAU-01-M1',
          type: 'organisational',
          title: { de: 'Zonenplan für Gebäude', en: 'Zone plan for buildings' },
          description: {
            de: 'Gemeinsam mit der Gebäudeverwaltung öffentliche und interne Bereiche festlegen und baulich oder organisatorisch trennen.',
            en: 'Define public and internal areas together with facility management and separate them structurally or organisationally.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-02',
      question: {
        de: 'Gibt es eine geregelte Schlüssel- bzw. Transponderverwaltung, aus der hervorgeht, wer welche Räume betreten kann?',
        en: 'Is there regulated key or transponder management showing who can enter which rooms?',
      },
      guidance: {
        de: 'Ja heißt: Ausgabe und Rückgabe von Schlüsseln und Chips werden dokumentiert, verlorene Transponder werden gesperrt, und der Bestand wird regelmäßig geprüft, auch für Reinigungs- und Hausmeisterdienste.',
        en: 'Yes means: issue and return of keys and chips are documented, lost transponders are blocked, and the inventory is checked regularly, including for cleaning and caretaker services.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['INF.1.A7', 'ORP.4.A5'], grundschutzPlusPlus: ['GEB.7.1', 'GEB.7.3'] },
      measures: [
        {
          id: 'BB-RAU-02-M1',
          type: 'organisational',
          title: { de: 'Schlüsselverwaltung ordnen', en: 'Organise key management' },
          description: {
            de: 'Schlüsselbuch oder Transpondersystem pflegen, Bestand jährlich prüfen und Verluste sofort sperren.',
            en: 'Maintain a key register or transponder system, check the inventory annually and block losses immediately.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-03',
      question: {
        de: 'Ist sichergestellt, dass Besucherinnen und Besucher nicht unbeaufsichtigt in Büros und interne Bereiche gelangen?',
        en: 'Is it ensured that visitors cannot get into offices and internal areas unsupervised?',
      },
      guidance: {
        de: 'Ja heißt: Interne Bereiche sind außerhalb der Sprechzeiten verschlossen oder nur mit Berechtigung zugänglich, und Besucher werden abgeholt und begleitet. Eine Begehung während der Öffnungszeit bestätigt das.',
        en: 'Yes means: internal areas are locked outside consultation hours or only accessible with authorisation, and visitors are collected and escorted. A walk-through during opening hours confirms this.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['INF.1.A7'], grundschutzPlusPlus: ['GEB.3.3.3', 'SENS.8.7'] },
      measures: [
        {
          id: 'BB-RAU-03-M1',
          type: 'organisational',
          title: { de: 'Besucherregelung', en: 'Visitor rule' },
          description: {
            de: 'Regel zur Begleitung von Besuchern einführen und Zugänge zu internen Bereichen sichern.',
            en: 'Introduce a rule on escorting visitors and secure the entrances to internal areas.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-04',
      question: {
        de: 'Ist der Serverraum ständig verschlossen und nur für einen kleinen, festgelegten Personenkreis zugänglich?',
        en: 'Is the server room always locked and accessible only to a small, defined group of people?',
      },
      guidance: {
        de: 'Ja heißt: Der Raum hat eine stabile, verschlossene Tür, eine Liste nennt die Zutrittsberechtigten, und Zutritte von Externen werden dokumentiert. Ein offen stehender Serverraum oder ein Server unter dem Schreibtisch bedeutet „nein“.',
        en: 'Yes means: the room has a sturdy, locked door, a list names those authorised to enter, and visits by external people are documented. An open server room or a server under a desk means “no”.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.1.1.A1'], grundschutzPlusPlus: ['GEB.9.6', 'GEB.6.2.1'] },
      measures: [
        {
          id: 'BB-RAU-04-M1',
          type: 'organisational',
          title: { de: 'Zutritt zum Serverraum regeln', en: 'Regulate access to the server room' },
          description: {
            de: 'Zutrittsliste erstellen, Schloss bzw. Schließberechtigungen anpassen und ein Zutrittsbuch für Externe führen.',
            en: 'Create an access list, adjust the lock or locking permissions and keep a visitor log for external people.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-05',
      question: {
        de: 'Wird der Serverraum ausschließlich für IT-Technik genutzt und nicht als Lager, Archiv oder Abstellraum?',
        en: 'Is the server room used exclusively for IT equipment and not as a storeroom, archive or junk room?',
      },
      guidance: {
        de: 'Ja heißt: Im Raum befinden sich keine Kartons, Akten, Putzmittel oder andere Brandlasten, und er ist kein Durchgangsraum.',
        en: 'Yes means: there are no boxes, files, cleaning products or other fire loads in the room, and it is not a passageway.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.9.7', 'SENS.8.10'] },
      measures: [
        {
          id: 'BB-RAU-05-M1',
          type: 'organisational',
          title: { de: 'Serverraum räumen', en: 'Clear out the server room' },
          description: {
            de: 'Fremdnutzung beenden, Brandlasten entfernen und die Regel der Gebäudeverwaltung mitteilen.',
            en: 'End other uses, remove fire loads and inform facility management of the rule.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-06',
      question: {
        de: 'Sind Server und zentrale Netztechnik gegen Stromausfälle und Überspannung geschützt, etwa durch eine USV?',
        en: 'Are servers and central network equipment protected against power failures and surges, e.g. by a UPS?',
      },
      guidance: {
        de: 'Ja heißt: Eine ausreichend dimensionierte USV versorgt Server, Speichersysteme und zentrale Switches, ihre Laufzeit ist bekannt, und der Überspannungsschutz ist Teil der Elektroinstallation.',
        en: 'Yes means: an adequately sized UPS supplies servers, storage systems and core switches, its runtime is known, and surge protection is part of the electrical installation.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.1.1.A15'], grundschutzPlusPlus: ['GEB.9.1', 'GEB.9.4'] },
      measures: [
        {
          id: 'BB-RAU-06-M1',
          type: 'technical',
          title: { de: 'Stromversorgung absichern', en: 'Secure the power supply' },
          description: {
            de: 'USV-Kapazität prüfen, fehlende Geräte anbinden und Überspannungsschutz durch eine Elektrofachkraft prüfen lassen.',
            en: 'Check UPS capacity, connect missing devices and have surge protection checked by a qualified electrician.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-07',
      question: {
        de: 'Ist der Serverraum ausreichend gekühlt, und werden Temperatur und Luftfeuchtigkeit überwacht?',
        en: 'Is the server room adequately cooled, and are temperature and humidity monitored?',
      },
      guidance: {
        de: 'Ja heißt: Eine Klimatisierung hält die Herstellervorgaben ein, auch im Hochsommer, und ein Sensor meldet Überschreitungen. Ein geöffnetes Fenster oder ein Haushaltsventilator genügen nicht.',
        en: 'Yes means: air conditioning keeps within vendor specifications, even in high summer, and a sensor reports when limits are exceeded. An open window or a household fan is not sufficient.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.10.1', 'GEB.10.1.2'] },
      measures: [
        {
          id: 'BB-RAU-07-M1',
          type: 'technical',
          title: { de: 'Klimatisierung und Messung', en: 'Cooling and measurement' },
          description: {
            de: 'Kühlleistung prüfen, bei Bedarf nachrüsten und einen Temperatursensor mit Alarmierung installieren.',
            en: 'Check cooling capacity, upgrade if necessary and install a temperature sensor with alerting.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-08',
      question: {
        de: 'Gibt es im Serverraum einen Brandmelder und geeignete Feuerlöscher für elektrische Anlagen?',
        en: 'Is there a fire detector in the server room and suitable fire extinguishers for electrical equipment?',
      },
      guidance: {
        de: 'Ja heißt: Ein Rauchmelder ist auf eine Stelle aufgeschaltet, die auch nachts reagiert, und vor dem Raum hängen geprüfte CO2-Löscher. Wasserlöscher im Serverraum sind ungeeignet.',
        en: 'Yes means: a smoke detector is connected to a point that also responds at night, and tested CO2 extinguishers hang outside the room. Water extinguishers are unsuitable for the server room.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.10.2.5', 'GEB.10.2'] },
      measures: [
        {
          id: 'BB-RAU-08-M1',
          type: 'technical',
          title: { de: 'Brandmeldung im Serverraum', en: 'Fire detection in the server room' },
          description: {
            de: 'Rauchmelder mit Aufschaltung installieren und geeignete Löscher bereitstellen.',
            en: 'Install smoke detectors with remote alerting and provide suitable extinguishers.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-09',
      question: {
        de: 'Ist die IT-Technik vor Wasserschäden geschützt, etwa durch einen Standort ohne Wasserleitungen und eine erhöhte Aufstellung?',
        en: 'Is the IT equipment protected against water damage, e.g. by a location without water pipes and raised mounting?',
      },
      guidance: {
        de: 'Ja heißt: Im oder über dem Serverraum verlaufen keine Wasser- oder Abwasserleitungen, oder es gibt Schutzmaßnahmen wie Wassermelder, Auffangwannen oder Geräte auf Sockeln. Keller in Hochwassergebieten brauchen besondere Beachtung.',
        en: 'Yes means: no water or waste pipes run in or above the server room, or there are safeguards such as water detectors, drip trays or devices on plinths. Basements in flood-prone areas need special attention.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.10.3', 'GEB.10.3.2'] },
      measures: [
        {
          id: 'BB-RAU-09-M1',
          type: 'technical',
          title: { de: 'Wasserschutz nachrüsten', en: 'Retrofit water protection' },
          description: {
            de: 'Wassergefährdung bewerten und Wassermelder, Sockel oder Umzug der Technik planen.',
            en: 'Assess the water risk and plan water detectors, plinths or relocating the equipment.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-10',
      question: {
        de: 'Werden USV, Klimaanlage, Brandmelder und Löscher im Serverraum regelmäßig gewartet?',
        en: 'Are the UPS, air conditioning, fire detectors and extinguishers in the server room serviced regularly?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt Wartungsverträge oder Prüfpläne mit Terminen, und Prüfprotokolle (z. B. USV-Akkutest, Löscherprüfung) liegen vor.',
        en: 'Yes means: there are maintenance contracts or inspection plans with dates, and inspection records (e.g. UPS battery test, extinguisher inspection) are available.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['INF.2.A10'], grundschutzPlusPlus: ['ASST.5.2', 'ASST.5.7'] },
      measures: [
        {
          id: 'BB-RAU-10-M1',
          type: 'organisational',
          title: { de: 'Wartungsplan Infrastruktur', en: 'Infrastructure maintenance plan' },
          description: {
            de: 'Wartungsintervalle für alle Infrastrukturkomponenten festlegen und Prüfprotokolle sammeln.',
            en: 'Set maintenance intervals for all infrastructure components and collect inspection records.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-11',
      question: {
        de: 'Melden Infrastruktur-Komponenten (USV, Klima, Brand- und Wassermelder) Störungen automatisch an eine Stelle, die auch außerhalb der Dienstzeit reagiert?',
        en: 'Do infrastructure components (UPS, cooling, fire and water detectors) automatically report faults to a point that also responds outside office hours?',
      },
      guidance: {
        de: 'Ja heißt: Alarme gehen per E-Mail, SMS oder Aufschaltung an eine Bereitschaft (z. B. Hausmeister, IT-Rufbereitschaft, Leitstelle), und die Alarmkette wurde getestet.',
        en: 'Yes means: alarms are sent by e-mail, SMS or remote alerting to an on-call service (e.g. caretaker, IT on-call duty, control centre), and the alarm chain has been tested.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['INF.2.A11'], grundschutzPlusPlus: ['GEB.10.1.2', 'DET.6.1.2'] },
      measures: [
        {
          id: 'BB-RAU-11-M1',
          type: 'technical',
          title: { de: 'Alarmierung einrichten', en: 'Set up alerting' },
          description: {
            de: 'Störmeldungen der Infrastruktur an eine Bereitschaft weiterleiten und die Alarmkette halbjährlich testen.',
            en: 'Forward infrastructure fault alerts to an on-call service and test the alarm chain every six months.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-12',
      question: {
        de: 'Sind Netzwerkschränke und Verteiler in Außenstellen und Fluren verschlossen?',
        en: 'Are network cabinets and distribution points in branch sites and corridors locked?',
      },
      guidance: {
        de: 'Ja heißt: Alle Netzwerkschränke sind abgeschlossen, die Schlüssel sind nicht Teil einer Generalschließung für alle Beschäftigten, und Schränke stehen nicht in öffentlich zugänglichen Räumen ohne Schutz.',
        en: 'Yes means: all network cabinets are locked, their keys are not part of a master key system for all staff, and cabinets are not placed unprotected in publicly accessible rooms.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.6.3', 'GEB.9.6'] },
      measures: [
        {
          id: 'BB-RAU-12-M1',
          type: 'technical',
          title: { de: 'Netzwerkschränke verschließen', en: 'Lock network cabinets' },
          description: {
            de: 'Alle Verteiler begehen, Schlösser nachrüsten und Schlüssel in die Schlüsselverwaltung aufnehmen.',
            en: 'Inspect all distribution points, retrofit locks and add the keys to key management.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-13',
      question: {
        de: 'Werden Büros, in denen Daten verarbeitet werden, beim Verlassen abgeschlossen und Fenster geschlossen, insbesondere im Erdgeschoss?',
        en: 'Are offices where data are processed locked and windows closed when left, especially on the ground floor?',
      },
      guidance: {
        de: 'Ja heißt: Die Regel ist bekannt und wird eingehalten; eine Begehung nach Dienstschluss findet keine offenen Büros oder Fenster. Reinigungskräfte sind in die Regel einbezogen.',
        en: 'Yes means: the rule is known and followed; a walk-through after office hours finds no open offices or windows. Cleaning staff are included in the rule.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['SENS.8.4'] },
      measures: [
        {
          id: 'BB-RAU-13-M1',
          type: 'training',
          title: { de: 'Hinweis auf Abschließen und Fenster', en: 'Reminder on locking and windows' },
          description: {
            de: 'Regel in Schulung und Dienstanweisung aufnehmen und stichprobenartige Begehungen nach Dienstschluss durchführen.',
            en: 'Include the rule in training and the service instruction and carry out spot-check walk-throughs after office hours.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-14',
      question: {
        de: 'Werden Akten und Datenträger mit vertraulichen Inhalten (z. B. Personal-, Melde-, Sozialdaten) in verschließbaren Schränken aufbewahrt?',
        en: 'Are files and storage media with confidential content (e.g. personnel, registration, social welfare data) kept in lockable cabinets?',
      },
      guidance: {
        de: 'Ja heißt: Ausreichend verschließbare Schränke sind vorhanden und werden genutzt; Sicherungsmedien und wichtige Datenträger liegen in einem geeigneten Schrank oder Tresor.',
        en: 'Yes means: enough lockable cabinets are available and used; backup media and important storage media are kept in a suitable cabinet or safe.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['GEB.8.1', 'SENS.8.8'] },
      measures: [
        {
          id: 'BB-RAU-14-M1',
          type: 'organisational',
          title: { de: 'Verschlussmöglichkeiten schaffen', en: 'Provide lockable storage' },
          description: {
            de: 'Bedarf an verschließbaren Schränken erheben, beschaffen und die Nutzung verbindlich regeln.',
            en: 'Assess the need for lockable cabinets, procure them and make their use mandatory.',
          },
        },
      ],
    },
    {
      id: 'BB-RAU-15',
      question: {
        de: 'Liegt der Serverraum in einem eigenen Brandabschnitt, und wird der Brandschutz der Gebäude regelmäßig begangen?',
        en: 'Is the server room in its own fire compartment, and is fire protection in the buildings inspected regularly?',
      },
      guidance: {
        de: 'Ja heißt: Die Brandschutzbegehung mit der zuständigen Stelle findet regelmäßig statt und schließt den Serverraum ein; Mängel werden mit Frist beseitigt. Ein eigener Brandabschnitt verhindert, dass ein Feuer in Nachbarräumen die IT zerstört.',
        en: 'Yes means: fire safety inspections with the competent body take place regularly and include the server room; defects are remedied with a deadline. A separate fire compartment prevents a fire in neighbouring rooms from destroying the IT.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: ['INF.2.A2'], grundschutzPlusPlus: ['GEB.10.2.2', 'GEB.10.2.7'] },
      measures: [
        {
          id: 'BB-RAU-15-M1',
          type: 'organisational',
          title: {
            de: 'Brandschutzbegehung mit Serverraum',
            en: 'Fire safety inspection including the server room',
          },
          description: {
            de: 'Serverraum in die Brandschutzbegehung aufnehmen und bauliche Verbesserungen in die Haushaltsplanung einbringen.',
            en: 'Include the server room in the fire safety inspection and put structural improvements into budget planning.',
          },
        },
      ],
    },
  ],
};
