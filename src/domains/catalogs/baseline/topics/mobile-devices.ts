import type { BaselineTopic } from '../types.ts';

export const mobileDevicesTopic: BaselineTopic = {
  id: 'BB-MOB',
  code: 'MOB',
  title: {
    de: 'Mobile Geräte und mobiles Arbeiten',
    en: 'Mobile devices and mobile working',
  },
  rationale: {
    de: 'Laptops, Smartphones und Tablets verlassen das geschützte Rathaus, gehen verloren und verbinden sich mit fremden Netzen, weshalb sie eigene Regeln und eine zentrale Verwaltung brauchen.',
    en: 'Laptops, smartphones and tablets leave the protected town hall, get lost and connect to outside networks, which is why they need their own rules and central management.',
  },
  requirements: [
    {
      id: 'BB-MOB-01',
      question: {
        de: 'Gibt es eine Richtlinie für die dienstliche Nutzung von Smartphones und Tablets?',
        en: 'Is there a policy for the official use of smartphones and tablets?',
      },
      guidance: {
        de: 'Ja heißt: Die Richtlinie regelt zugelassene Geräte, erlaubte Apps und Dienste, Verhalten bei Verlust und private Nutzung und ist den Nutzenden bekannt (z. B. bei Geräteausgabe unterschrieben).',
        en: 'Yes means: the policy covers approved devices, permitted apps and services, what to do on loss and private use, and is known to users (e.g. signed at device handover).',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.3.2.1.A1'], grundschutzPlusPlus: ['SENS.8.3', 'ASST.3.1'] },
      measures: [
        {
          id: 'BB-MOB-01-M1',
          type: 'organisational',
          title: { de: 'Richtlinie für Mobilgeräte', en: 'Mobile device policy' },
          description: {
            de: 'Richtlinie nach Muster erstellen und bei jeder Geräteausgabe unterschreiben lassen.',
            en: 'Draft a policy from a template and have it signed at every device handover.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-02',
      question: {
        de: 'Werden alle dienstlichen Smartphones und Tablets über eine zentrale Geräteverwaltung (MDM) eingerichtet und verwaltet?',
        en: 'Are all official smartphones and tablets set up and managed via central device management (MDM)?',
      },
      guidance: {
        de: 'Ja heißt: Jedes Gerät ist vor der Ausgabe im MDM registriert, erhält eine Grundkonfiguration, und Geräte ohne MDM können nicht auf dienstliche Daten wie E-Mail zugreifen. Prüfen Sie Geräteliste und MDM-Bestand auf Übereinstimmung.',
        en: 'Yes means: every device is enrolled in the MDM before handover, receives a baseline configuration, and devices without MDM cannot access official data such as e-mail. Check that the device list and the MDM inventory match.',
      },
      level: 'basis',
      effort: 'high',
      references: {
        itGrundschutz: ['SYS.3.2.2.A1', 'SYS.3.2.2.A4', 'SYS.3.2.2.A5'],
        grundschutzPlusPlus: ['KONF.2.6'],
      },
      measures: [
        {
          id: 'BB-MOB-02-M1',
          type: 'technical',
          title: { de: 'MDM einführen', en: 'Introduce MDM' },
          description: {
            de: 'MDM-Lösung auswählen (ggf. über den kommunalen IT-Dienstleister), Geräte registrieren und Grundkonfiguration verteilen.',
            en: 'Select an MDM solution (possibly through the municipal IT service provider), enrol devices and distribute the baseline configuration.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-03',
      question: {
        de: 'Ist festgelegt, welche Geräte und Betriebssysteme zugelassen sind, und ist die dienstliche Nutzung privater Geräte geregelt?',
        en: 'Is it defined which devices and operating systems are approved, and is the official use of private devices regulated?',
      },
      guidance: {
        de: 'Ja heißt: Eine Liste zugelassener Modelle und Betriebssystemversionen existiert, und private Geräte dürfen entweder gar nicht oder nur unter festgelegten Bedingungen (z. B. getrennter dienstlicher Bereich im MDM) genutzt werden.',
        en: 'Yes means: a list of approved models and operating system versions exists, and private devices may either not be used at all or only under defined conditions (e.g. a separate work profile in the MDM).',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.3.2.2.A2'], grundschutzPlusPlus: ['ASST.3.11', 'SENS.2.4.1'] },
      measures: [
        {
          id: 'BB-MOB-03-M1',
          type: 'organisational',
          title: {
            de: 'Zulassungsliste und Regel zu Privatgeräten',
            en: 'Approval list and rule on private devices',
          },
          description: {
            de: 'Zugelassene Geräte festlegen und die Nutzung privater Geräte ausdrücklich regeln.',
            en: 'Define approved devices and explicitly regulate the use of private devices.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-04',
      question: {
        de: 'Sind alle mobilen Geräte mit einer Gerätesperre (PIN, Passwort oder Biometrie mit PIN-Rückfall) geschützt, die sich nach kurzer Zeit aktiviert?',
        en: 'Are all mobile devices protected by a device lock (PIN, password or biometrics with PIN fallback) that activates after a short time?',
      },
      guidance: {
        de: 'Ja heißt: Die Sperre wird über das MDM erzwungen, einfache PINs wie „1234“ sind nicht zulässig, und nach mehreren Fehlversuchen wird das Gerät gesperrt oder gelöscht.',
        en: 'Yes means: the lock is enforced via the MDM, simple PINs such as “1234” are not allowed, and the device is locked or wiped after several failed attempts.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.3.2.1.A4'], grundschutzPlusPlus: ['BER.3.12', 'BER.3.10'] },
      measures: [
        {
          id: 'BB-MOB-04-M1',
          type: 'technical',
          title: { de: 'Gerätesperre erzwingen', en: 'Enforce the device lock' },
          description: {
            de: 'Sperrrichtlinie mit Mindestlänge, Sperrzeit und Fehlversuchsgrenze im MDM hinterlegen.',
            en: 'Configure a lock policy with minimum length, lock timeout and failed-attempt limit in the MDM.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-05',
      question: {
        de: 'Werden Betriebssystem und Apps der mobilen Geräte aktuell gehalten, und werden Geräte ohne Herstellerupdates ausgesondert?',
        en: 'Are the operating system and apps of the mobile devices kept up to date, and are devices without vendor updates retired?',
      },
      guidance: {
        de: 'Ja heißt: Das MDM zeigt den Versionsstand, veraltete Geräte werden erkannt und ersetzt, und Updates werden zeitnah installiert. Schon bei der Beschaffung wird auf einen langen Updatezeitraum geachtet.',
        en: 'Yes means: the MDM shows the version status, outdated devices are detected and replaced, and updates are installed promptly. A long update period is already considered at procurement.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.3.2.1.A5'], grundschutzPlusPlus: ['KONF.8.1.1', 'KONF.8.2'] },
      measures: [
        {
          id: 'BB-MOB-05-M1',
          type: 'technical',
          title: {
            de: 'Updatestand mobiler Geräte steuern',
            en: 'Control the update status of mobile devices',
          },
          description: {
            de: 'Mindestversionen im MDM festlegen, nicht konforme Geräte sperren und Austausch veralteter Geräte planen.',
            en: 'Set minimum versions in the MDM, block non-compliant devices and plan the replacement of outdated devices.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-06',
      question: {
        de: 'Können auf dienstlichen Mobilgeräten nur freigegebene Apps aus vertrauenswürdigen Quellen installiert werden?',
        en: 'Can only approved apps from trustworthy sources be installed on official mobile devices?',
      },
      guidance: {
        de: 'Ja heißt: Apps werden über das MDM bereitgestellt oder eine Freigabeliste ist hinterlegt; Installationen aus unbekannten Quellen sind gesperrt.',
        en: 'Yes means: apps are provided via the MDM or an approval list is configured; installations from unknown sources are blocked.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['SYS.3.2.1.A8', 'SYS.3.2.2.A7'],
        grundschutzPlusPlus: ['KONF.7.9', 'ASST.2.3.1'],
      },
      measures: [
        {
          id: 'BB-MOB-06-M1',
          type: 'technical',
          title: { de: 'App-Freigabe über MDM', en: 'App approval via MDM' },
          description: {
            de: 'Freigegebene Apps im MDM bereitstellen und Installation aus fremden Quellen unterbinden.',
            en: 'Provide approved apps in the MDM and prevent installation from other sources.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-07',
      question: {
        de: 'Können verlorene oder gestohlene Geräte aus der Ferne gesperrt und gelöscht werden, und wissen die Nutzenden, dass sie Verluste sofort melden müssen?',
        en: 'Can lost or stolen devices be locked and wiped remotely, and do users know that they must report losses immediately?',
      },
      guidance: {
        de: 'Ja heißt: Fernsperre und Fernlöschung sind über das MDM möglich und wurden getestet; der Meldeweg bei Verlust ist bekannt und auch außerhalb der Dienstzeit erreichbar.',
        en: 'Yes means: remote lock and remote wipe are possible via the MDM and have been tested; the reporting channel for losses is known and reachable outside office hours.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['SYS.3.2.2.A22'], grundschutzPlusPlus: ['KONF.3.6', 'ASST.6.1'] },
      measures: [
        {
          id: 'BB-MOB-07-M1',
          type: 'technical',
          title: { de: 'Fernlöschung einrichten und testen', en: 'Set up and test remote wipe' },
          description: {
            de: 'Fernsperre und -löschung aktivieren, an einem Testgerät erproben und den Verlustmeldeweg bekannt machen.',
            en: 'Enable remote lock and wipe, try them on a test device and publicise the loss reporting channel.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-08',
      question: {
        de: 'Sind die Datenträger aller dienstlichen Laptops verschlüsselt?',
        en: 'Are the storage drives of all official laptops encrypted?',
      },
      guidance: {
        de: 'Ja heißt: Eine Festplattenverschlüsselung ist auf allen Laptops aktiv, Wiederherstellungsschlüssel sind zentral und geschützt hinterlegt, und ein zentraler Bericht bestätigt den Status.',
        en: 'Yes means: full-disk encryption is active on all laptops, recovery keys are stored centrally and securely, and a central report confirms the status.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.2.1.A28'], grundschutzPlusPlus: ['KONF.3.2', 'KONF.3.1'] },
      measures: [
        {
          id: 'BB-MOB-08-M1',
          type: 'technical',
          title: { de: 'Laptops verschlüsseln', en: 'Encrypt laptops' },
          description: {
            de: 'Festplattenverschlüsselung zentral aktivieren und Wiederherstellungsschlüssel geschützt im Verzeichnisdienst oder MDM ablegen.',
            en: 'Enable full-disk encryption centrally and store recovery keys securely in the directory service or MDM.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-09',
      question: {
        de: 'Gibt es verbindliche Regeln für das Arbeiten im Homeoffice und unterwegs, etwa zu Sichtschutz, Aufbewahrung von Geräten und Unterlagen und zur Nutzung fremder Geräte?',
        en: 'Are there binding rules for working from home and on the move, e.g. on privacy screens, storing devices and documents and using third-party devices?',
      },
      guidance: {
        de: 'Ja heißt: Eine Dienstvereinbarung oder Richtlinie zum mobilen Arbeiten enthält Sicherheitsregeln und wurde den Beschäftigten bekannt gemacht. Die Verarbeitung dienstlicher Daten auf privaten oder öffentlichen Rechnern ist ausgeschlossen oder geregelt.',
        en: 'Yes means: a service agreement or policy on mobile working contains security rules and has been communicated to staff. Processing official data on private or public computers is excluded or regulated.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['INF.9.A2', 'INF.9.A4'], grundschutzPlusPlus: ['SENS.9.1', 'SENS.9.3'] },
      measures: [
        {
          id: 'BB-MOB-09-M1',
          type: 'organisational',
          title: { de: 'Regeln für mobiles Arbeiten', en: 'Rules for mobile working' },
          description: {
            de: 'Sicherheitsregeln in die Dienstvereinbarung zum mobilen Arbeiten aufnehmen und bekannt machen.',
            en: 'Add security rules to the service agreement on mobile working and communicate them.',
          },
        },
        {
          id: 'BB-MOB-09-M2',
          type: 'training',
          title: { de: 'Sensibilisierung mobiles Arbeiten', en: 'Awareness for mobile working' },
          description: {
            de: 'Kurzschulung zu Sichtschutz, Gesprächen in der Öffentlichkeit und Aufbewahrung von Geräten für alle mobil Arbeitenden.',
            en: 'Short training on privacy screens, conversations in public and storing devices for everyone who works remotely.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-10',
      question: {
        de: 'Verbinden sich mobile Geräte außerhalb des Rathauses nur über ein VPN mit dem Verwaltungsnetz, auch in öffentlichen WLANs?',
        en: 'Do mobile devices outside the town hall connect to the administrative network only via a VPN, including on public Wi-Fi?',
      },
      guidance: {
        de: 'Ja heißt: Laptops bauen automatisch eine VPN-Verbindung auf oder können ohne VPN nicht auf dienstliche Dienste zugreifen; die Nutzenden kennen die Risiken öffentlicher WLANs.',
        en: 'Yes means: laptops establish a VPN connection automatically or cannot reach official services without VPN; users know the risks of public Wi-Fi.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['SENS.7.12', 'ARCH.5.1.5'] },
      measures: [
        {
          id: 'BB-MOB-10-M1',
          type: 'technical',
          title: { de: 'Automatisches VPN für Laptops', en: 'Automatic VPN for laptops' },
          description: {
            de: 'VPN-Client so konfigurieren, dass er sich außerhalb des Verwaltungsnetzes automatisch verbindet.',
            en: 'Configure the VPN client to connect automatically outside the administrative network.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-11',
      question: {
        de: 'Ist geregelt, dass für dienstliche Kommunikation keine privaten Messenger- oder Cloud-Dienste genutzt werden?',
        en: 'Is it regulated that no private messenger or cloud services are used for official communication?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt freigegebene dienstliche Alternativen, die Nutzung privater Dienste für dienstliche Daten ist untersagt, und die Regel ist in Richtlinie und Schulung enthalten.',
        en: 'Yes means: approved official alternatives exist, using private services for official data is prohibited, and the rule is part of the policy and training.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['SYS.3.2.1.A2'], grundschutzPlusPlus: ['SENS.2.4', 'ASST.3.10'] },
      measures: [
        {
          id: 'BB-MOB-11-M1',
          type: 'organisational',
          title: {
            de: 'Dienstliche Kommunikationswege festlegen',
            en: 'Define official communication channels',
          },
          description: {
            de: 'Freigegebene Messenger- und Ablagedienste bereitstellen und die Nutzung privater Dienste untersagen.',
            en: 'Provide approved messenger and storage services and prohibit the use of private services.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-12',
      question: {
        de: 'Sind Cloud-Synchronisation und Datensicherung der Mobilgeräte so eingestellt, dass dienstliche Daten nicht in private Konten abfließen?',
        en: 'Are cloud synchronisation and backup on mobile devices configured so that official data do not leak into private accounts?',
      },
      guidance: {
        de: 'Ja heißt: Im MDM ist festgelegt, welche Cloud-Funktionen erlaubt sind; dienstliche Kontakte, Fotos und Dokumente werden nicht in private Cloud-Konten synchronisiert.',
        en: 'Yes means: the MDM defines which cloud features are allowed; official contacts, photos and documents are not synchronised to private cloud accounts.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.3.2.1.A2'], grundschutzPlusPlus: ['KONF.2.4.2', 'ASST.3.10'] },
      measures: [
        {
          id: 'BB-MOB-12-M1',
          type: 'technical',
          title: {
            de: 'Cloud-Funktionen auf Mobilgeräten einschränken',
            en: 'Restrict cloud features on mobile devices',
          },
          description: {
            de: 'Erlaubte Cloud-Funktionen festlegen und private Synchronisation für dienstliche Daten im MDM sperren.',
            en: 'Define allowed cloud features and block private synchronisation of official data in the MDM.',
          },
        },
      ],
    },
    {
      id: 'BB-MOB-13',
      question: {
        de: 'Gibt es Regeln für Geräte, mit denen Ratsmitglieder und ehrenamtlich Tätige auf Sitzungsunterlagen und dienstliche Daten zugreifen?',
        en: 'Are there rules for the devices council members and volunteers use to access meeting documents and official data?',
      },
      guidance: {
        de: 'Ja heißt: Entweder stellt die Kommune verwaltete Geräte bereit, oder der Zugang auf private Geräte ist auf ein geschütztes Portal bzw. eine App mit Anmeldung beschränkt, und die Nutzungsbedingungen sind unterschrieben. Nichtöffentliche Unterlagen werden nicht unverschlüsselt per E-Mail versandt.',
        en: 'Yes means: either the municipality provides managed devices, or access from private devices is limited to a protected portal or app with sign-in, and the terms of use have been signed. Non-public documents are not sent by unencrypted e-mail.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.3.2.1.A1'], grundschutzPlusPlus: ['ASST.3.1', 'ASST.3.12'] },
      measures: [
        {
          id: 'BB-MOB-13-M1',
          type: 'organisational',
          title: {
            de: 'Nutzungsbedingungen für Mandatsträger',
            en: 'Terms of use for elected representatives',
          },
          description: {
            de: 'Nutzungsbedingungen für das Ratsinformationssystem erstellen und Zugang auf geschützte Wege beschränken.',
            en: 'Draw up terms of use for the council information system and restrict access to protected channels.',
          },
        },
      ],
    },
  ],
};
