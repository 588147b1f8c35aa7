import type { BaselineTopic } from '../types.ts';

export const clientsTopic: BaselineTopic = {
  id: 'BB-CLI',
  code: 'CLI',
  title: {
    de: 'Arbeitsplatzrechner',
    en: 'Workstations',
  },
  rationale: {
    de: 'Arbeitsplatzrechner sind das häufigste Einfallstor für Schadsoftware, weil dort E-Mails geöffnet, Dokumente bearbeitet und Webseiten aufgerufen werden.',
    en: 'Workstations are the most common entry point for malware, because that is where e-mails are opened, documents are edited and websites are visited.',
  },
  requirements: [
    {
      id: 'BB-CLI-01',
      question: {
        de: 'Melden sich alle Beschäftigten mit eigenem Konto an, und sperrt sich der Bildschirm nach kurzer Inaktivität automatisch?',
        en: 'Do all staff sign in with their own account, and does the screen lock automatically after a short period of inactivity?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt keine automatische Anmeldung, und die Bildschirmsperre ist zentral auf einen kurzen Zeitraum (z. B. 5 bis 10 Minuten) eingestellt und kann nur mit Anmeldung aufgehoben werden.',
        en: 'Yes means: there is no automatic sign-in, and the screen lock is set centrally to a short period (e.g. 5 to 10 minutes) and can only be lifted by signing in.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.2.1.A1'], grundschutzPlusPlus: ['KONF.5.1', 'BER.3.12'] },
      measures: [
        {
          id: 'BB-CLI-01-M1',
          type: 'technical',
          title: { de: 'Bildschirmsperre zentral einstellen', en: 'Configure the screen lock centrally' },
          description: {
            de: 'Automatische Bildschirmsperre per Richtlinie setzen und automatische Anmeldungen entfernen.',
            en: 'Set the automatic screen lock by policy and remove automatic sign-ins.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-02',
      question: {
        de: 'Ist auf allen Arbeitsplatzrechnern ein Schutz gegen Schadsoftware aktiv, aktuell und für Benutzer nicht abschaltbar?',
        en: 'Is protection against malware active and up to date on all workstations, and impossible for users to switch off?',
      },
      guidance: {
        de: 'Ja heißt: Eine zentrale Konsole zeigt für alle Geräte einen aktiven Schutz mit aktuellen Signaturen; Benutzer können Einstellungen nicht ändern. Prüfen Sie die Konsole auf Geräte ohne Meldung.',
        en: 'Yes means: a central console shows active protection with current signatures for all devices; users cannot change settings. Check the console for devices that are not reporting.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['SYS.2.1.A6', 'OPS.1.1.4.A5', 'OPS.1.1.4.A6'],
        grundschutzPlusPlus: ['KONF.7.1', 'KONF.7.2', 'KONF.7.6'],
      },
      measures: [
        {
          id: 'BB-CLI-02-M1',
          type: 'technical',
          title: { de: 'Schadsoftwareschutz zentral verwalten', en: 'Manage malware protection centrally' },
          description: {
            de: 'Schutzsoftware zentral ausrollen, Manipulationsschutz aktivieren und Geräte ohne Rückmeldung wöchentlich prüfen.',
            en: 'Roll out protection software centrally, enable tamper protection and check devices that do not report every week.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-03',
      question: {
        de: 'Ist festgelegt, wie die Kommune sich vor Schadsoftware schützt und wer Warnmeldungen des Virenschutzes bearbeitet?',
        en: 'Is it defined how the municipality protects itself against malware and who handles alerts from the anti-virus software?',
      },
      guidance: {
        de: 'Ja heißt: Ein kurzes Konzept beschreibt eingesetzte Schutzmechanismen (auch die im Betriebssystem eingebauten), Zuständigkeiten und den Ablauf bei einem Fund. Funde werden zeitnah bearbeitet und dokumentiert.',
        en: 'Yes means: a short concept describes the protection mechanisms used (including those built into the operating system), responsibilities and the procedure when something is found. Findings are handled promptly and documented.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.4.A1', 'OPS.1.1.4.A2'], grundschutzPlusPlus: ['KONF.7.5'] },
      measures: [
        {
          id: 'BB-CLI-03-M1',
          type: 'organisational',
          title: { de: 'Konzept gegen Schadsoftware', en: 'Anti-malware concept' },
          description: {
            de: 'Schutzmechanismen, Zuständigkeiten und Ablauf bei Funden in einem kurzen Konzept festhalten.',
            en: 'Record protection mechanisms, responsibilities and the procedure for findings in a short concept.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-04',
      question: {
        de: 'Sind Makros in Office-Dokumenten aus dem Internet oder aus E-Mails standardmäßig gesperrt?',
        en: 'Are macros in office documents from the internet or from e-mails blocked by default?',
      },
      guidance: {
        de: 'Ja heißt: Eine zentrale Richtlinie blockiert Makros aus externen Quellen; benötigte Makros sind signiert oder an vertrauenswürdigen Orten freigegeben. Nachweis: Richtlinienauszug.',
        en: 'Yes means: a central policy blocks macros from external sources; required macros are signed or allowed from trusted locations. Evidence: policy extract.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['APP.1.1.A2'], grundschutzPlusPlus: ['KONF.12.1.11', 'KONF.13.1.2'] },
      measures: [
        {
          id: 'BB-CLI-04-M1',
          type: 'technical',
          title: { de: 'Makros zentral einschränken', en: 'Restrict macros centrally' },
          description: {
            de: 'Makros aus Internetquellen per Richtlinie sperren und benötigte Makros signieren oder gezielt freigeben.',
            en: 'Block macros from internet sources by policy and sign or specifically allow required macros.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-05',
      question: {
        de: 'Können Beschäftigte nur freigegebene Software nutzen und keine Programme eigenständig installieren?',
        en: 'Can staff only use approved software and not install programs on their own?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt eine Liste freigegebener Software, Installationen erfolgen nur durch die IT, und Benutzer haben keine Installationsrechte. Stichprobe: installierte Programme an zwei Arbeitsplätzen mit der Liste vergleichen.',
        en: 'Yes means: there is a list of approved software, installations are only carried out by IT, and users have no installation rights. Spot check: compare installed programs on two workstations with the list.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['APP.6.A4', 'APP.6.A5'],
        grundschutzPlusPlus: ['KONF.7.9', 'ASST.2.3.1'],
      },
      measures: [
        {
          id: 'BB-CLI-05-M1',
          type: 'technical',
          title: { de: 'Softwarefreigabe durchsetzen', en: 'Enforce software approval' },
          description: {
            de: 'Liste freigegebener Software führen, Installationsrechte entziehen und Abweichungen per Inventarbericht erkennen.',
            en: 'Maintain a list of approved software, remove installation rights and detect deviations via inventory reports.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-06',
      question: {
        de: 'Wird verhindert, dass Programme aus Benutzerverzeichnissen wie Downloads oder Temp gestartet werden können (Anwendungskontrolle)?',
        en: 'Is it prevented that programs can be started from user folders such as Downloads or Temp (application control)?',
      },
      guidance: {
        de: 'Ja heißt: Eine Anwendungskontrolle erlaubt nur Programme aus freigegebenen Pfaden oder von vertrauenswürdigen Herstellern. Nachweis: Regelwerk und Testversuch mit einem harmlosen Programm.',
        en: 'Yes means: application control only allows programs from approved paths or trusted publishers. Evidence: rule set and a test attempt with a harmless program.',
      },
      level: 'elevated',
      effort: 'high',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.7.10', 'KONF.7.12'] },
      measures: [
        {
          id: 'BB-CLI-06-M1',
          type: 'technical',
          title: { de: 'Anwendungskontrolle einführen', en: 'Introduce application control' },
          description: {
            de: 'Anwendungskontrolle zunächst im Überwachungsmodus betreiben, Regeln verfeinern und dann scharf schalten.',
            en: 'Run application control in audit mode first, refine the rules and then switch to enforcement.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-07',
      question: {
        de: 'Ist auf allen Arbeitsplatzrechnern die lokale Firewall eingeschaltet und zentral konfiguriert?',
        en: 'Is the local firewall switched on and centrally configured on all workstations?',
      },
      guidance: {
        de: 'Ja heißt: Die Firewall des Betriebssystems ist in allen Profilen aktiv und blockiert eingehende Verbindungen, die nicht benötigt werden, insbesondere zwischen Arbeitsplätzen.',
        en: 'Yes means: the operating system firewall is active in all profiles and blocks inbound connections that are not needed, especially between workstations.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.2.1.A23'], grundschutzPlusPlus: ['KONF.7.15'] },
      measures: [
        {
          id: 'BB-CLI-07-M1',
          type: 'technical',
          title: { de: 'Lokale Firewall aktivieren', en: 'Enable the local firewall' },
          description: {
            de: 'Firewall-Profile zentral setzen und eingehende Verbindungen zwischen Arbeitsplätzen unterbinden.',
            en: 'Set firewall profiles centrally and block inbound connections between workstations.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-08',
      question: {
        de: 'Ist geregelt und technisch umgesetzt, welche USB-Sticks und externen Datenträger an Arbeitsplätzen genutzt werden dürfen?',
        en: 'Is it regulated and technically enforced which USB sticks and external storage media may be used on workstations?',
      },
      guidance: {
        de: 'Ja heißt: Nur freigegebene Datenträger sind nutzbar oder fremde Datenträger werden vor Nutzung geprüft, und automatisches Ausführen ist abgeschaltet. Prüfen Sie die Gerätesteuerung oder die Richtlinie.',
        en: 'Yes means: only approved media can be used or external media are checked before use, and autorun is disabled. Check the device control settings or the policy.',
      },
      level: 'standard',
      effort: 'medium',
      references: {
        itGrundschutz: ['SYS.2.1.A24'],
        grundschutzPlusPlus: ['KONF.3.7', 'KONF.3.8', 'SENS.6.1'],
      },
      measures: [
        {
          id: 'BB-CLI-08-M1',
          type: 'technical',
          title: { de: 'Gerätesteuerung für Wechseldatenträger', en: 'Device control for removable media' },
          description: {
            de: 'Autostart deaktivieren, Wechseldatenträger auf freigegebene Geräte beschränken und eine Prüfstation für fremde Datenträger bereitstellen.',
            en: 'Disable autorun, restrict removable media to approved devices and provide a scanning station for external media.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-09',
      question: {
        de: 'Ist der Startvorgang der Rechner geschützt, zum Beispiel durch ein Firmware-Passwort und gesperrtes Booten von fremden Medien?',
        en: 'Is the start-up process of the computers protected, for example by a firmware password and blocked booting from external media?',
      },
      guidance: {
        de: 'Ja heißt: BIOS/UEFI ist mit einem Passwort geschützt, Secure Boot ist aktiv, und nur Administratoren können von USB oder Netzwerk starten. Stichprobe an einem Gerät.',
        en: 'Yes means: BIOS/UEFI is password-protected, Secure Boot is active, and only administrators can boot from USB or network. Spot check on one device.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.2.1.A8'], grundschutzPlusPlus: ['KONF.5.1.1', 'KONF.2.9'] },
      measures: [
        {
          id: 'BB-CLI-09-M1',
          type: 'technical',
          title: { de: 'Firmware absichern', en: 'Secure the firmware' },
          description: {
            de: 'Firmware-Passwörter setzen, Secure Boot aktivieren und Bootreihenfolge festlegen, möglichst zentral über Herstellerwerkzeuge.',
            en: 'Set firmware passwords, enable Secure Boot and fix the boot order, centrally via vendor tools where possible.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-10',
      question: {
        de: 'Werden die Sicherheitseinstellungen der Arbeitsplatzrechner zentral vorgegeben und verwaltet, etwa per Gruppenrichtlinien?',
        en: 'Are the security settings of the workstations specified and managed centrally, e.g. via group policies?',
      },
      guidance: {
        de: 'Ja heißt: Eine dokumentierte Grundkonfiguration (z. B. auf Basis von Herstellerempfehlungen) wird zentral verteilt; Abweichungen sind begründet. Nachweis: Richtlinienübersicht und Dokumentation der Grundkonfiguration.',
        en: 'Yes means: a documented baseline configuration (e.g. based on vendor recommendations) is distributed centrally; deviations are justified. Evidence: policy overview and documentation of the baseline configuration.',
      },
      level: 'standard',
      effort: 'medium',
      references: {
        itGrundschutz: ['SYS.2.1.A43', 'SYS.2.1.A44'],
        grundschutzPlusPlus: ['KONF.2.1', 'KONF.2.5'],
      },
      measures: [
        {
          id: 'BB-CLI-10-M1',
          type: 'technical',
          title: {
            de: 'Grundkonfiguration zentral verteilen',
            en: 'Distribute a baseline configuration centrally',
          },
          description: {
            de: 'Grundkonfiguration auf Basis anerkannter Empfehlungen festlegen, als Richtlinie verteilen und Änderungen dokumentieren.',
            en: 'Define a baseline configuration based on recognised recommendations, distribute it as a policy and document changes.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-11',
      question: {
        de: 'Sind nicht benötigte Programme, Dienste und Benutzerkonten auf den Arbeitsplatzrechnern entfernt oder deaktiviert?',
        en: 'Have programs, services and user accounts that are not needed been removed or disabled on the workstations?',
      },
      guidance: {
        de: 'Ja heißt: Vorinstallierte Testsoftware, alte Laufzeitumgebungen, Fernwartungswerkzeuge ohne Freigabe und ungenutzte lokale Konten sind entfernt. Prüfen Sie das Standardabbild der Installation.',
        en: 'Yes means: pre-installed trial software, old runtime environments, unapproved remote maintenance tools and unused local accounts have been removed. Check the standard installation image.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.2.1.A16'], grundschutzPlusPlus: ['KONF.2.4', 'ASST.7.1'] },
      measures: [
        {
          id: 'BB-CLI-11-M1',
          type: 'technical',
          title: { de: 'Installationsabbild bereinigen', en: 'Clean up the installation image' },
          description: {
            de: 'Standardabbild auf nicht benötigte Komponenten prüfen, diese entfernen und bestehende Geräte per Softwareverteilung bereinigen.',
            en: 'Check the standard image for unneeded components, remove them and clean up existing devices via software distribution.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-12',
      question: {
        de: 'Werden Webbrowser aktuell gehalten und sicher konfiguriert, zum Beispiel ohne veraltete Erweiterungen?',
        en: 'Are web browsers kept up to date and securely configured, for example without outdated extensions?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt einen festgelegten Standardbrowser, der automatisch aktualisiert wird; Erweiterungen sind auf eine freigegebene Liste beschränkt und Schutzfunktionen wie Sandbox und Warnungen vor gefährlichen Seiten sind aktiv.',
        en: 'Yes means: there is a defined standard browser that updates automatically; extensions are limited to an approved list and protective features such as the sandbox and warnings about dangerous sites are active.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['APP.1.2.A1', 'APP.1.2.A2'],
        grundschutzPlusPlus: ['KONF.6.14', 'KONF.8.2'],
      },
      measures: [
        {
          id: 'BB-CLI-12-M1',
          type: 'technical',
          title: { de: 'Browser zentral konfigurieren', en: 'Configure browsers centrally' },
          description: {
            de: 'Standardbrowser festlegen, Updates und Erweiterungen per Richtlinie steuern und Altbrowser entfernen.',
            en: 'Define a standard browser, control updates and extensions by policy and remove legacy browsers.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-13',
      question: {
        de: 'Ist geregelt, ob und wie Passwörter im Webbrowser gespeichert werden dürfen?',
        en: 'Is it regulated whether and how passwords may be stored in the web browser?',
      },
      guidance: {
        de: 'Ja heißt: Entweder ist die Passwortspeicherung im Browser abgeschaltet und ein Passwortmanager vorgesehen, oder sie ist ausdrücklich erlaubt und durch ein Master-Passwort bzw. die Kontoanmeldung geschützt.',
        en: 'Yes means: either password storage in the browser is disabled and a password manager is provided, or it is explicitly allowed and protected by a master password or the account sign-in.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['APP.1.2.A6'], grundschutzPlusPlus: ['KONF.12.4'] },
      measures: [
        {
          id: 'BB-CLI-13-M1',
          type: 'technical',
          title: {
            de: 'Passwortspeicherung im Browser regeln',
            en: 'Regulate password storage in the browser',
          },
          description: {
            de: 'Entscheidung treffen, per Richtlinie umsetzen und den Beschäftigten erläutern.',
            en: 'Take a decision, implement it by policy and explain it to staff.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-14',
      question: {
        de: 'Werden Dokumente aus E-Mails und dem Internet in einer geschützten Ansicht geöffnet und vorher auf Schadsoftware geprüft?',
        en: 'Are documents from e-mails and the internet opened in a protected view and checked for malware beforehand?',
      },
      guidance: {
        de: 'Ja heißt: Die geschützte Ansicht der Büroanwendungen ist aktiv und nicht abschaltbar, und Anhänge werden beim Öffnen vom Virenschutz geprüft.',
        en: 'Yes means: the protected view of the office applications is active and cannot be switched off, and attachments are scanned by the anti-virus software when opened.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['APP.1.1.A3'], grundschutzPlusPlus: ['KONF.7.1', 'DET.6.2'] },
      measures: [
        {
          id: 'BB-CLI-14-M1',
          type: 'technical',
          title: { de: 'Geschützte Ansicht erzwingen', en: 'Enforce protected view' },
          description: {
            de: 'Geschützte Ansicht für Dateien aus dem Internet und aus E-Mails per Richtlinie erzwingen.',
            en: 'Enforce protected view for files from the internet and from e-mails by policy.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-15',
      question: {
        de: 'Werden Arbeitsplatzrechner vor Weitergabe, Verkauf oder Entsorgung so gelöscht, dass keine Daten zurückbleiben?',
        en: 'Are workstations wiped before being passed on, sold or disposed of so that no data remain?',
      },
      guidance: {
        de: 'Ja heißt: Eine Checkliste zur Außerbetriebnahme sieht sicheres Löschen oder Vernichten der Datenträger vor, und jede Außerbetriebnahme wird mit Seriennummer dokumentiert. Das gilt auch für Geräte, die an Schulen oder Vereine abgegeben werden.',
        en: 'Yes means: a decommissioning checklist requires secure wiping or destruction of the storage media, and every decommissioning is documented with the serial number. This also applies to devices handed on to schools or associations.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['SYS.2.1.A27', 'CON.6.A2'],
        grundschutzPlusPlus: ['ASST.6.4', 'ASST.7.3.2', 'ASST.7.7'],
      },
      measures: [
        {
          id: 'BB-CLI-15-M1',
          type: 'organisational',
          title: { de: 'Checkliste Außerbetriebnahme', en: 'Decommissioning checklist' },
          description: {
            de: 'Checkliste mit Datensicherung, sicherem Löschen und Entfernen von Beschriftungen einführen und Nachweise ablegen.',
            en: 'Introduce a checklist covering backup, secure wiping and removal of labels, and file the records.',
          },
        },
      ],
    },
    {
      id: 'BB-CLI-16',
      question: {
        de: 'Ist geregelt, wie Kameras und Mikrofone an Arbeitsplätzen genutzt werden dürfen, und sind sie abgeschaltet, wo sie nicht gebraucht werden?',
        en: 'Is it regulated how cameras and microphones at workstations may be used, and are they disabled where they are not needed?',
      },
      guidance: {
        de: 'Ja heißt: Nur für Videokonferenzen benötigte Geräte sind freigegeben, Anwendungen erhalten nur nach Freigabe Zugriff, und an anderen Arbeitsplätzen sind Kamera und Mikrofon deaktiviert oder abgedeckt.',
        en: 'Yes means: only devices needed for video conferences are enabled, applications only get access after approval, and on other workstations camera and microphone are disabled or covered.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['SYS.2.1.A21'], grundschutzPlusPlus: ['KONF.3.7'] },
      measures: [
        {
          id: 'BB-CLI-16-M1',
          type: 'technical',
          title: { de: 'Kamera und Mikrofon steuern', en: 'Control camera and microphone' },
          description: {
            de: 'Zugriffsrechte auf Kamera und Mikrofon zentral regeln und ungenutzte Geräte deaktivieren.',
            en: 'Control access to camera and microphone centrally and disable unused devices.',
          },
        },
      ],
    },
  ],
};
