import type { BaselineTopic } from '../types.ts';

export const serviceProvidersTopic: BaselineTopic = {
  id: 'BB-DLS',
  code: 'DLS',
  title: {
    de: 'IT-Dienstleister und Auslagerung',
    en: 'IT service providers and outsourcing',
  },
  rationale: {
    de: 'Kleine Kommunen lassen große Teile ihrer IT von kommunalen Rechenzentren, Herstellern und Systemhäusern betreiben, und die Verantwortung für die Sicherheit bleibt dabei trotzdem bei der Kommune.',
    en: 'Small municipalities have large parts of their IT run by municipal data centres, vendors and IT firms, and responsibility for security nevertheless remains with the municipality.',
  },
  requirements: [
    {
      id: 'BB-DLS-01',
      question: {
        de: 'Gibt es eine vollständige Übersicht aller IT-Dienstleister mit ihren Leistungen, Ansprechpersonen und Zugängen?',
        en: 'Is there a complete overview of all IT service providers with their services, contact persons and access rights?',
      },
      guidance: {
        de: 'Ja heißt: Die Liste enthält kommunale Rechenzentren, Fachverfahrenshersteller, Systemhäuser, Hosting- und Cloud-Anbieter, jeweils mit Vertrag, Leistung, Notfallkontakt und vorhandenen Zugängen.',
        en: 'Yes means: the list contains municipal data centres, vendors of specialised applications, IT firms, hosting and cloud providers, each with contract, service, emergency contact and existing access rights.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.1.3', 'BES.7.4.9'] },
      measures: [
        {
          id: 'BB-DLS-01-M1',
          type: 'organisational',
          title: { de: 'Dienstleisterverzeichnis anlegen', en: 'Create a register of service providers' },
          description: {
            de: 'Alle Dienstleister mit Verträgen, Leistungen, Kontakten und Zugängen erfassen und jährlich aktualisieren.',
            en: 'Record all providers with contracts, services, contacts and access rights and update the register annually.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-02',
      question: {
        de: 'Werden vor einer Auslagerung die Sicherheitsanforderungen an die ausgelagerte Leistung schriftlich festgelegt?',
        en: 'Are the security requirements for an outsourced service set down in writing before outsourcing?',
      },
      guidance: {
        de: 'Ja heißt: Für jede Auslagerung gibt es ein Anforderungsprofil mit Schutzbedarf, Verfügbarkeitsanforderungen, Datenschutz und Schnittstellen, das Grundlage für Angebot und Vertrag ist.',
        en: 'Yes means: every outsourcing arrangement has a requirements profile with protection needs, availability requirements, data protection and interfaces that forms the basis for the offer and contract.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.2.3.A1'], grundschutzPlusPlus: ['BES.2.1.2', 'BES.4.2'] },
      measures: [
        {
          id: 'BB-DLS-02-M1',
          type: 'organisational',
          title: { de: 'Anforderungsprofil für Auslagerungen', en: 'Requirements profile for outsourcing' },
          description: {
            de: 'Vorlage für Anforderungsprofile erstellen und bei jeder neuen oder verlängerten Auslagerung verwenden.',
            en: 'Create a template for requirements profiles and use it for every new or extended outsourcing arrangement.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-03',
      question: {
        de: 'Regeln die Verträge mit IT-Dienstleistern Sicherheitspflichten, etwa Sicherheitsmaßnahmen, Unterauftragnehmer und Kontrollrechte der Kommune?',
        en: 'Do contracts with IT service providers set out security obligations, such as security measures, subcontractors and the municipality’s audit rights?',
      },
      guidance: {
        de: 'Ja heißt: Die wichtigsten Verträge enthalten Sicherheitsklauseln (z. B. über EVB-IT-Anlagen oder eigene Vertragsbausteine), die Zustimmung zu Unterauftragnehmern und ein Recht auf Prüfung oder Nachweise.',
        en: 'Yes means: the main contracts contain security clauses (e.g. via EVB-IT annexes or custom contract modules), consent for subcontractors and a right to audit or to receive evidence.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.5.4', 'BES.5.6', 'BES.5.11'] },
      measures: [
        {
          id: 'BB-DLS-03-M1',
          type: 'organisational',
          title: { de: 'Sicherheitsklauseln für Verträge', en: 'Security clauses for contracts' },
          description: {
            de: 'Standard-Sicherheitsklauseln erstellen und bei Neuabschluss oder Verlängerung in Verträge aufnehmen.',
            en: 'Draft standard security clauses and include them in contracts when they are concluded or renewed.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-04',
      question: {
        de: 'Sind die Dienstleister vertraglich verpflichtet, Sicherheitsvorfälle und Schwachstellen, die die Kommune betreffen, unverzüglich zu melden?',
        en: 'Are service providers contractually obliged to report security incidents and vulnerabilities affecting the municipality without delay?',
      },
      guidance: {
        de: 'Ja heißt: Meldepflicht, Meldeweg und Frist stehen im Vertrag, und die Kommune hat eine erreichbare Stelle für solche Meldungen benannt.',
        en: 'Yes means: the reporting duty, channel and deadline are in the contract, and the municipality has named a reachable point of contact for such reports.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.5.10.2', 'BES.5.10.1', 'BES.5.10.3'] },
      measures: [
        {
          id: 'BB-DLS-04-M1',
          type: 'organisational',
          title: { de: 'Meldepflicht vereinbaren', en: 'Agree a reporting duty' },
          description: {
            de: 'Meldepflichten mit allen wesentlichen Dienstleistern schriftlich vereinbaren und Kontaktstellen austauschen.',
            en: 'Agree reporting duties in writing with all key providers and exchange contact points.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-05',
      question: {
        de: 'Haben Mitarbeitende von Dienstleistern nur persönliche Zugänge mit den jeweils nötigen Rechten statt gemeinsamer Generalzugänge?',
        en: 'Do service provider staff have only personal accounts with the rights they need, instead of shared master accounts?',
      },
      guidance: {
        de: 'Ja heißt: Jede Person beim Dienstleister hat ein eigenes Konto, die Rechte sind auf die Aufgabe beschränkt, und die Kommune weiß, wer zugreifen kann. Dauerhaft aktive Domänen-Administratorkonten von Dienstleistern sind ein Warnsignal.',
        en: 'Yes means: every person at the provider has their own account, rights are limited to the task, and the municipality knows who can access. Permanently active domain administrator accounts of providers are a warning sign.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.5.5.2', 'BER.4.1', 'BER.3.5'] },
      measures: [
        {
          id: 'BB-DLS-05-M1',
          type: 'technical',
          title: { de: 'Dienstleisterzugänge personalisieren', en: 'Personalise provider accounts' },
          description: {
            de: 'Gemeinsame Dienstleisterkonten durch persönliche Konten ersetzen und Rechte auf die Aufgaben beschränken.',
            en: 'Replace shared provider accounts with personal accounts and restrict rights to the tasks.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-06',
      question: {
        de: 'Werden Zugänge, Schlüssel und Berechtigungen eines Dienstleisters bei Vertragsende oder Personalwechsel dort sofort entzogen?',
        en: 'Are a service provider’s accounts, keys and permissions revoked immediately when the contract ends or its staff change?',
      },
      guidance: {
        de: 'Ja heißt: Der Dienstleister muss Personalwechsel melden, und bei Vertragsende arbeitet die Kommune eine Checkliste ab (Konten, VPN, Fernwartung, Schlüssel, gemeinsam bekannte Passwörter).',
        en: 'Yes means: the provider must report staff changes, and when the contract ends the municipality works through a checklist (accounts, VPN, remote maintenance, keys, commonly known passwords).',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.2.3.A7'], grundschutzPlusPlus: ['BES.6.1', 'DLS.4.1.2'] },
      measures: [
        {
          id: 'BB-DLS-06-M1',
          type: 'organisational',
          title: { de: 'Checkliste Vertragsende', en: 'End-of-contract checklist' },
          description: {
            de: 'Checkliste für den Entzug aller Zugänge bei Vertragsende oder Personalwechsel erstellen und anwenden.',
            en: 'Create and apply a checklist for revoking all access at contract end or staff change.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-07',
      question: {
        de: 'Ist vertraglich geregelt, wie die Kommune bei Vertragsende ihre Daten in einem nutzbaren Format zurückerhält und wie der Dienstleister sie danach löscht?',
        en: 'Is it contractually agreed how the municipality gets its data back in a usable format at the end of the contract and how the provider deletes them afterwards?',
      },
      guidance: {
        de: 'Ja heißt: Rückgabeformat, Fristen, Unterstützung bei der Migration und ein Löschnachweis sind vereinbart; gesetzliche Aufbewahrungspflichten sind berücksichtigt.',
        en: 'Yes means: return format, deadlines, migration support and a certificate of deletion are agreed; statutory retention obligations are taken into account.',
      },
      level: 'standard',
      effort: 'medium',
      references: {
        itGrundschutz: ['OPS.2.3.A7'],
        grundschutzPlusPlus: ['BES.6.2', 'BES.6.3', 'BES.5.13.1'],
      },
      measures: [
        {
          id: 'BB-DLS-07-M1',
          type: 'organisational',
          title: { de: 'Ausstiegsregelungen vereinbaren', en: 'Agree exit arrangements' },
          description: {
            de: 'Regelungen zu Datenrückgabe, Migration und Löschung in bestehende Verträge nachverhandeln.',
            en: 'Renegotiate arrangements for data return, migration and deletion into existing contracts.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-08',
      question: {
        de: 'Lässt sich die Kommune von wesentlichen Dienstleistern Nachweise über deren Informationssicherheit vorlegen, etwa Zertifikate oder Prüfberichte?',
        en: 'Does the municipality obtain evidence of information security from its key service providers, such as certificates or audit reports?',
      },
      guidance: {
        de: 'Ja heißt: Für Rechenzentren und Cloud-Anbieter liegen gültige Nachweise vor (z. B. ISO 27001 auf Basis von IT-Grundschutz, BSI C5 oder ein vergleichbares Testat), und ihr Geltungsbereich deckt die genutzte Leistung ab.',
        en: 'Yes means: valid evidence is available for data centres and cloud providers (e.g. ISO 27001 based on IT-Grundschutz, BSI C5 or a comparable attestation), and its scope covers the service used.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.4.8', 'BES.4.8.2', 'DLS.3.1.1'] },
      measures: [
        {
          id: 'BB-DLS-08-M1',
          type: 'organisational',
          title: { de: 'Sicherheitsnachweise anfordern', en: 'Request security evidence' },
          description: {
            de: 'Nachweise bei wesentlichen Dienstleistern anfordern, Geltungsbereich prüfen und Ablaufdaten überwachen.',
            en: 'Request evidence from key providers, check the scope and monitor expiry dates.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-09',
      question: {
        de: 'Wird regelmäßig überprüft, ob die Dienstleister die vereinbarten Sicherheitsleistungen tatsächlich erbringen?',
        en: 'Is it regularly checked whether service providers actually deliver the agreed security services?',
      },
      guidance: {
        de: 'Ja heißt: Mindestens jährlich gibt es ein Gespräch oder einen Bericht zu Verfügbarkeit, Vorfällen, Patchstand und offenen Punkten; Abweichungen werden nachverfolgt.',
        en: 'Yes means: at least once a year there is a meeting or report on availability, incidents, patch status and open items; deviations are followed up.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DLS.3.1', 'BES.5.12'] },
      measures: [
        {
          id: 'BB-DLS-09-M1',
          type: 'organisational',
          title: { de: 'Jährliches Dienstleistergespräch', en: 'Annual provider review' },
          description: {
            de: 'Jährliches Gespräch mit festen Themen einführen und Ergebnisse dokumentieren.',
            en: 'Introduce an annual meeting with fixed topics and document the results.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-10',
      question: {
        de: 'Gibt es Regeln dafür, welche Cloud-Dienste für welche Daten genutzt werden dürfen, einschließlich Speicherort und Rechtsraum?',
        en: 'Are there rules on which cloud services may be used for which data, including storage location and jurisdiction?',
      },
      guidance: {
        de: 'Ja heißt: Eine Cloud-Richtlinie legt Freigabeverfahren, zulässige Datenarten und Anforderungen an Speicherort fest, und es gibt eine Liste freigegebener Dienste. Unkontrollierte Nutzung (z. B. private Dateiablagen) ist untersagt.',
        en: 'Yes means: a cloud policy sets the approval procedure, permitted data types and requirements for the storage location, and there is a list of approved services. Uncontrolled use (e.g. private file sharing) is prohibited.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['OPS.2.2.A1', 'OPS.2.2.A2'],
        grundschutzPlusPlus: ['BES.1.5', 'BES.2.2', 'ASST.3.10'],
      },
      measures: [
        {
          id: 'BB-DLS-10-M1',
          type: 'organisational',
          title: { de: 'Cloud-Richtlinie', en: 'Cloud policy' },
          description: {
            de: 'Cloud-Richtlinie mit Freigabeverfahren erstellen und bereits genutzte Dienste nachträglich bewerten.',
            en: 'Write a cloud policy with an approval procedure and retrospectively assess services already in use.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-11',
      question: {
        de: 'Ist für jeden Cloud- und Outsourcing-Dienst dokumentiert, welche Sicherheitsaufgaben der Anbieter und welche die Kommune selbst erledigt?',
        en: 'Is it documented for every cloud and outsourcing service which security tasks the provider handles and which the municipality handles itself?',
      },
      guidance: {
        de: 'Ja heißt: Eine Aufgabenteilung (z. B. Tabelle) regelt Kontenverwaltung, Datensicherung, Updates, Protokollierung und Notfall; Lücken, für die niemand zuständig ist, gibt es nicht.',
        en: 'Yes means: a division of tasks (e.g. a table) covers account management, backup, updates, logging and emergencies; there are no gaps for which nobody is responsible.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.2.2.A4'], grundschutzPlusPlus: ['BES.1.7', 'BES.7.4.6'] },
      measures: [
        {
          id: 'BB-DLS-11-M1',
          type: 'workshop',
          title: { de: 'Aufgabenteilung klären', en: 'Clarify the division of tasks' },
          description: {
            de: 'Mit jedem wesentlichen Anbieter in einem Termin die Aufgabenteilung durchgehen und schriftlich festhalten.',
            en: 'Go through the division of tasks with each key provider in a meeting and record it in writing.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-12',
      question: {
        de: 'Sind für den Notfall die Ansprechpersonen, Reaktionszeiten und Eskalationswege der wichtigsten Dienstleister bekannt und griffbereit?',
        en: 'Are the contact persons, response times and escalation paths of the most important service providers known and at hand for emergencies?',
      },
      guidance: {
        de: 'Ja heißt: Die Daten stehen im Notfallhandbuch (auch auf Papier), Reaktionszeiten sind vertraglich vereinbart, und die Erreichbarkeit wurde in den letzten zwölf Monaten geprüft.',
        en: 'Yes means: the details are in the emergency manual (also on paper), response times are contractually agreed, and reachability has been checked within the last twelve months.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BES.7.4.7', 'BES.5.2'] },
      measures: [
        {
          id: 'BB-DLS-12-M1',
          type: 'organisational',
          title: { de: 'Notfallkontakte der Dienstleister', en: 'Provider emergency contacts' },
          description: {
            de: 'Notfallkontakte und Reaktionszeiten erfassen, ins Notfallhandbuch übernehmen und jährlich testen.',
            en: 'Record emergency contacts and response times, add them to the emergency manual and test them annually.',
          },
        },
      ],
    },
    {
      id: 'BB-DLS-13',
      question: {
        de: 'Hat die Kommune für den Ausfall oder die Insolvenz eines kritischen Dienstleisters eine Ausweichlösung und behält sie genug eigenes Wissen, um handlungsfähig zu bleiben?',
        en: 'Does the municipality have a fallback for the failure or insolvency of a critical service provider, and does it retain enough in-house knowledge to remain able to act?',
      },
      guidance: {
        de: 'Ja heißt: Für kritische Leistungen ist eine Alternative (zweiter Anbieter, interkommunale Unterstützung, Notbetrieb) beschrieben, und Dokumentation und Zugangsdaten liegen auch bei der Kommune.',
        en: 'Yes means: for critical services an alternative (second provider, inter-municipal support, emergency operation) is described, and documentation and credentials are also held by the municipality.',
      },
      level: 'elevated',
      effort: 'medium',
      references: { itGrundschutz: ['OPS.2.3.A8'], grundschutzPlusPlus: ['BES.8.1', 'BES.8.3', 'BES.8.2'] },
      measures: [
        {
          id: 'BB-DLS-13-M1',
          type: 'workshop',
          title: { de: 'Ausfallszenario Dienstleister', en: 'Provider failure scenario' },
          description: {
            de: 'In einem Workshop den Ausfall eines kritischen Dienstleisters durchspielen und Ausweichlösungen festhalten.',
            en: 'Play through the failure of a critical provider in a workshop and record fallback options.',
          },
        },
      ],
    },
  ],
};
