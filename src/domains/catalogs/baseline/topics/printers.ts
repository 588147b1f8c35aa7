import type { BaselineTopic } from '../types.ts';

export const printersTopic: BaselineTopic = {
  id: 'BB-DRU',
  code: 'DRU',
  title: {
    de: 'Drucker und Multifunktionsgeräte',
    en: 'Printers and multifunction devices',
  },
  rationale: {
    de: 'Multifunktionsgeräte sind vollwertige Netzrechner mit Festplatte, Mailversand und Scanablage, die oft jahrelang ungepatcht laufen und beim Leasingende samt gespeicherter Dokumente das Haus verlassen.',
    en: 'Multifunction devices are fully fledged network computers with a hard disk, e-mail sending and scan storage that often run unpatched for years and leave the building with stored documents when the lease ends.',
  },
  requirements: [
    {
      id: 'BB-DRU-01',
      question: {
        de: 'Werden vor der Beschaffung oder dem Leasing von Druckern und Multifunktionsgeräten Sicherheitsanforderungen festgelegt?',
        en: 'Are security requirements defined before printers and multifunction devices are procured or leased?',
      },
      guidance: {
        de: 'Ja heißt: Die Ausschreibung oder Anforderungsliste verlangt unter anderem verschlüsselte Protokolle, Speicherverschlüsselung, sicheres Löschen, Anmeldung am Gerät und Firmware-Updates über die Laufzeit; Aufstellorte und Zugriffsberechtigte sind geplant.',
        en: 'Yes means: the tender or requirements list calls for encrypted protocols, storage encryption, secure erasure, sign-in at the device and firmware updates for the contract term, among other things; locations and authorised users are planned.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['SYS.4.1.A1'], grundschutzPlusPlus: ['BES.4.2', 'BES.2.1.6'] },
      measures: [
        {
          id: 'BB-DRU-01-M1',
          type: 'organisational',
          title: {
            de: 'Anforderungskatalog für Druckgeräte',
            en: 'Requirements catalogue for print devices',
          },
          description: {
            de: 'Sicherheitsanforderungen als Baustein für Ausschreibungen und Leasingverträge formulieren.',
            en: 'Formulate security requirements as a module for tenders and lease contracts.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-02',
      question: {
        de: 'Sind die Verwaltungsoberflächen aller Drucker und Multifunktionsgeräte mit individuellen Passwörtern statt Werkseinstellungen geschützt?',
        en: 'Are the management interfaces of all printers and multifunction devices protected by individual passwords instead of factory settings?',
      },
      guidance: {
        de: 'Ja heißt: An keinem Gerät funktioniert das Standardpasswort des Herstellers; die Passwörter sind im Passwortspeicher hinterlegt. Stichprobe an zwei Geräten über die Weboberfläche.',
        en: 'Yes means: the vendor’s default password works on no device; the passwords are stored in the password vault. Spot check two devices via the web interface.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.2.3', 'BER.5.6'] },
      measures: [
        {
          id: 'BB-DRU-02-M1',
          type: 'technical',
          title: { de: 'Gerätepasswörter setzen', en: 'Set device passwords' },
          description: {
            de: 'Individuelle Administrationspasswörter auf allen Druckgeräten setzen und im Passwortspeicher ablegen.',
            en: 'Set individual administration passwords on all print devices and store them in the password vault.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-03',
      question: {
        de: 'Ist sichergestellt, dass vertrauliche Ausdrucke nicht offen im Ausgabefach liegen und von Unbefugten, etwa Besuchern, mitgenommen werden können?',
        en: 'Is it ensured that confidential printouts do not lie openly in the output tray where unauthorised people, such as visitors, could take them?',
      },
      guidance: {
        de: 'Ja heißt: Geräte stehen nicht in öffentlich zugänglichen Bereichen, oder vertrauliche Aufträge werden erst nach Anmeldung am Gerät (PIN, Karte) ausgegeben.',
        en: 'Yes means: devices are not located in publicly accessible areas, or confidential jobs are only released after sign-in at the device (PIN, card).',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.4.1.A1'], grundschutzPlusPlus: ['GEB.6.1'] },
      measures: [
        {
          id: 'BB-DRU-03-M1',
          type: 'technical',
          title: { de: 'Geschützte Druckausgabe', en: 'Secure print release' },
          description: {
            de: 'Druckfreigabe per PIN oder Karte einrichten oder Geräte aus öffentlich zugänglichen Bereichen entfernen.',
            en: 'Set up print release by PIN or card or move devices out of publicly accessible areas.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-04',
      question: {
        de: 'Wird die Firmware der Drucker und Multifunktionsgeräte regelmäßig aktualisiert, auch wenn die Geräte geleast sind?',
        en: 'Is the firmware of printers and multifunction devices updated regularly, even if the devices are leased?',
      },
      guidance: {
        de: 'Ja heißt: Zuständigkeit für Firmware-Updates (IT oder Leasinggeber) ist geregelt, und der Firmwarestand ist dokumentiert und nicht älter als die letzte sicherheitsrelevante Herstellerversion.',
        en: 'Yes means: responsibility for firmware updates (IT or lessor) is regulated, and the firmware version is documented and not older than the latest security-relevant vendor release.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.1.3.A15'], grundschutzPlusPlus: ['KONF.8.1'] },
      measures: [
        {
          id: 'BB-DRU-04-M1',
          type: 'organisational',
          title: { de: 'Firmware-Pflege vereinbaren', en: 'Agree firmware maintenance' },
          description: {
            de: 'Firmware-Updates im Leasing- oder Wartungsvertrag regeln und den Stand halbjährlich prüfen.',
            en: 'Regulate firmware updates in the lease or maintenance contract and check the status every six months.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-05',
      question: {
        de: 'Sind auf den Druckgeräten nicht benötigte Dienste und Protokolle (z. B. FTP, Telnet, alte SNMP-Versionen, Cloud-Druck) abgeschaltet?',
        en: 'Have services and protocols not needed on the print devices (e.g. FTP, Telnet, old SNMP versions, cloud printing) been switched off?',
      },
      guidance: {
        de: 'Ja heißt: Nur benötigte Druck- und Verwaltungsprotokolle sind aktiv, möglichst verschlüsselt; ein Portscan oder die Geräteeinstellungen bestätigen das.',
        en: 'Yes means: only the required printing and management protocols are active, encrypted where possible; a port scan or the device settings confirm this.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.2.4', 'KONF.2.4.2'] },
      measures: [
        {
          id: 'BB-DRU-05-M1',
          type: 'technical',
          title: { de: 'Druckgeräte härten', en: 'Harden print devices' },
          description: {
            de: 'Nicht benötigte Dienste abschalten und eine Konfigurationsvorlage für alle Geräte erstellen.',
            en: 'Switch off unneeded services and create a configuration template for all devices.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-06',
      question: {
        de: 'Stehen Drucker und Multifunktionsgeräte in einem eigenen Netzsegment, das nur die nötigen Verbindungen zulässt?',
        en: 'Are printers and multifunction devices placed in their own network segment that only allows the necessary connections?',
      },
      guidance: {
        de: 'Ja heißt: Druckgeräte können nur vom Druckserver bzw. den Arbeitsplätzen angesprochen werden und selbst nur die benötigten Ziele (z. B. Mailserver für Scan-to-Mail) erreichen.',
        en: 'Yes means: print devices can only be addressed by the print server or workstations and can themselves only reach the required destinations (e.g. the mail server for scan-to-mail).',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ARCH.2.2.10'] },
      measures: [
        {
          id: 'BB-DRU-06-M1',
          type: 'technical',
          title: { de: 'Druckernetz einrichten', en: 'Set up a printer network' },
          description: {
            de: 'Druckgeräte in ein eigenes Segment verlegen und Regeln für erlaubte Verbindungen festlegen.',
            en: 'Move print devices into their own segment and define rules for permitted connections.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-07',
      question: {
        de: 'Sind Scan-Funktionen so eingerichtet, dass Scans nur an berechtigte Empfänger oder geschützte Ordner gehen und Scan-Ordner nicht für alle offen sind?',
        en: 'Are scan functions set up so that scans only go to authorised recipients or protected folders and scan folders are not open to everyone?',
      },
      guidance: {
        de: 'Ja heißt: Scan-to-Mail sendet nur an interne Adressen oder nach Anmeldung, Scan-Ordner haben Rechte je Person oder Gruppe, und alte Scans werden regelmäßig gelöscht.',
        en: 'Yes means: scan-to-mail only sends to internal addresses or after sign-in, scan folders have per-person or per-group rights, and old scans are deleted regularly.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.4.1.A17'], grundschutzPlusPlus: ['KONF.6.2', 'ASST.4.2'] },
      measures: [
        {
          id: 'BB-DRU-07-M1',
          type: 'technical',
          title: { de: 'Scanwege absichern', en: 'Secure scan paths' },
          description: {
            de: 'Scan-Ziele auf persönliche Ordner oder interne Adressen beschränken und automatische Bereinigung einrichten.',
            en: 'Restrict scan destinations to personal folders or internal addresses and set up automatic clean-up.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-08',
      question: {
        de: 'Werden die Datenspeicher von Druck- und Multifunktionsgeräten vor Rückgabe, Reparatur außer Haus oder Entsorgung sicher gelöscht, mit Nachweis?',
        en: 'Are the storage media of print and multifunction devices securely erased, with proof, before the devices are returned, repaired off-site or disposed of?',
      },
      guidance: {
        de: 'Ja heißt: Der Leasing- oder Wartungsvertrag regelt das Löschen oder den Ausbau der Festplatte, und für jedes zurückgegebene Gerät liegt ein Lösch- oder Vernichtungsnachweis vor. Besser noch: der Speicher ist zusätzlich verschlüsselt.',
        en: 'Yes means: the lease or maintenance contract regulates erasure or removal of the hard disk, and there is an erasure or destruction certificate for every returned device. Better still: the storage is also encrypted.',
      },
      level: 'basis',
      effort: 'low',
      references: {
        itGrundschutz: ['SYS.4.1.A15', 'CON.6.A2'],
        grundschutzPlusPlus: ['ASST.7.3.2', 'ASST.6.4', 'KONF.3.2'],
      },
      measures: [
        {
          id: 'BB-DRU-08-M1',
          type: 'organisational',
          title: { de: 'Löschung bei Geräterückgabe regeln', en: 'Regulate erasure on device return' },
          description: {
            de: 'Löschpflicht und Nachweis in Leasing- und Wartungsverträgen verankern und Nachweise je Gerät ablegen.',
            en: 'Anchor the erasure obligation and certificate in lease and maintenance contracts and file a certificate per device.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-09',
      question: {
        de: 'Müssen sich Nutzende an Multifunktionsgeräten anmelden, bevor sie vertrauliche Dokumente kopieren, scannen oder versenden können?',
        en: 'Do users have to sign in at multifunction devices before they can copy, scan or send confidential documents?',
      },
      guidance: {
        de: 'Ja heißt: Funktionen wie Scan-to-Mail, Faxversand und Zugriff auf gespeicherte Aufträge erfordern eine persönliche Anmeldung; Rechte richten sich nach Rolle. Sinnvoll vor allem bei Geräten, die von vielen Ämtern genutzt werden.',
        en: 'Yes means: functions such as scan-to-mail, fax sending and access to stored jobs require personal sign-in; rights depend on the role. Especially useful for devices shared by many departments.',
      },
      level: 'elevated',
      effort: 'medium',
      references: { itGrundschutz: ['SYS.4.1.A14'], grundschutzPlusPlus: ['KONF.5.1', 'BER.4.1'] },
      measures: [
        {
          id: 'BB-DRU-09-M1',
          type: 'technical',
          title: { de: 'Anmeldung am Multifunktionsgerät', en: 'Sign-in at the multifunction device' },
          description: {
            de: 'Anmeldung per Karte oder PIN mit Anbindung an den Verzeichnisdienst einführen.',
            en: 'Introduce sign-in by card or PIN connected to the directory service.',
          },
        },
      ],
    },
    {
      id: 'BB-DRU-10',
      question: {
        de: 'Erfolgt Wartung an Druckgeräten durch Servicetechniker nur nach Anmeldung, und ist deren Fernzugriff auf die Geräte geregelt?',
        en: 'Is maintenance of print devices by service technicians only done after registration, and is their remote access to the devices regulated?',
      },
      guidance: {
        de: 'Ja heißt: Technikerinnen und Techniker melden sich an und werden in sensiblen Bereichen begleitet; Fernüberwachung und Fernwartung der Geräte (z. B. Zählerstände) sind dokumentiert und auf das Nötige beschränkt.',
        en: 'Yes means: technicians register and are accompanied in sensitive areas; remote monitoring and maintenance of the devices (e.g. meter readings) are documented and limited to what is necessary.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['OPS.1.2.5.A1'], grundschutzPlusPlus: ['ASST.5.6', 'KONF.4.4'] },
      measures: [
        {
          id: 'BB-DRU-10-M1',
          type: 'organisational',
          title: { de: 'Wartung von Druckgeräten regeln', en: 'Regulate maintenance of print devices' },
          description: {
            de: 'Anmeldung und Begleitung von Technikern festlegen und Fernüberwachungsfunktionen vertraglich und technisch begrenzen.',
            en: 'Define registration and escort of technicians and limit remote monitoring functions by contract and technically.',
          },
        },
      ],
    },
  ],
};
