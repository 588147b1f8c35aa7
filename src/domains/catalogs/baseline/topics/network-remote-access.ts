import type { BaselineTopic } from '../types.ts';

export const networkRemoteAccessTopic: BaselineTopic = {
  id: 'BB-NET',
  code: 'NET',
  title: {
    de: 'Netze und Fernzugriff',
    en: 'Networks and remote access',
  },
  rationale: {
    de: 'Ein flaches, schlecht abgegrenztes Netz mit offenen Fernzugängen erlaubt Angreifern, sich von einem einzigen kompromittierten Gerät aus auf die gesamte Verwaltung auszubreiten.',
    en: 'A flat, poorly separated network with open remote access lets attackers spread from a single compromised device to the entire administration.',
  },
  requirements: [
    {
      id: 'BB-NET-01',
      question: {
        de: 'Gibt es einen aktuellen Netzplan, der alle Standorte, Netzsegmente, Übergänge ins Internet und Verbindungen zu Dritten zeigt?',
        en: 'Is there an up-to-date network diagram showing all sites, network segments, internet connections and links to third parties?',
      },
      guidance: {
        de: 'Ja heißt: Der Plan ist nicht älter als ein Jahr, enthält Außenstellen (Bauhof, Feuerwehr, Kita, Schulen) und Anbindungen an Landesnetz und Dienstleister und wird vertraulich aufbewahrt.',
        en: 'Yes means: the diagram is no older than one year, includes branch sites (building yard, fire brigade, day-care, schools) and links to the state network and service providers, and is kept confidential.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['NET.1.1.A2', 'NET.1.1.A13'],
        grundschutzPlusPlus: ['ARCH.2.5', 'ARCH.2.4'],
      },
      measures: [
        {
          id: 'BB-NET-01-M1',
          type: 'organisational',
          title: { de: 'Netzplan erstellen', en: 'Draw up a network diagram' },
          description: {
            de: 'Netzplan mit Segmenten, Standorten und externen Verbindungen erstellen und Pflege bei Änderungen festlegen.',
            en: 'Draw up a network diagram with segments, sites and external connections and set upkeep on every change.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-02',
      question: {
        de: 'Ist das interne Netz in getrennte Bereiche aufgeteilt, zum Beispiel für Server, Arbeitsplätze, Drucker, Telefonie und Verwaltung der Netzgeräte?',
        en: 'Is the internal network divided into separate zones, for example for servers, workstations, printers, telephony and network device management?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt mehrere Netzsegmente (z. B. VLANs), und der Verkehr zwischen ihnen wird durch Regeln auf das Notwendige beschränkt. Nur getrennte VLANs ohne Filter zwischen ihnen genügen nicht.',
        en: 'Yes means: there are several network segments (e.g. VLANs), and traffic between them is restricted by rules to what is necessary. Separate VLANs without filtering between them are not sufficient.',
      },
      level: 'basis',
      effort: 'high',
      references: {
        itGrundschutz: ['NET.1.1.A4', 'NET.1.1.A5'],
        grundschutzPlusPlus: ['ARCH.2.1', 'ARCH.2.2', 'ARCH.2.2.3'],
      },
      measures: [
        {
          id: 'BB-NET-02-M1',
          type: 'technical',
          title: { de: 'Netzsegmentierung umsetzen', en: 'Implement network segmentation' },
          description: {
            de: 'Segmentierungskonzept erstellen und schrittweise umsetzen, beginnend mit der Trennung von Servern und Arbeitsplätzen.',
            en: 'Write a segmentation concept and implement it step by step, starting with separating servers from workstations.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-03',
      question: {
        de: 'Ist ein Gäste- oder Bürger-WLAN vollständig vom Verwaltungsnetz getrennt?',
        en: 'Is a guest or public Wi-Fi network completely separated from the administrative network?',
      },
      guidance: {
        de: 'Ja heißt: Das Gästenetz hat einen eigenen Internetzugang oder ist durch Firewallregeln so abgeschottet, dass keine Verbindung ins Verwaltungsnetz möglich ist. Gibt es kein Gästenetz, ist „nicht anwendbar“ zu wählen.',
        en: 'Yes means: the guest network has its own internet access or is isolated by firewall rules so that no connection into the administrative network is possible. If there is no guest network, choose “not applicable”.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['NET.1.1.A4'], grundschutzPlusPlus: ['ARCH.2.2.2'] },
      measures: [
        {
          id: 'BB-NET-03-M1',
          type: 'technical',
          title: { de: 'Gästenetz trennen', en: 'Separate the guest network' },
          description: {
            de: 'Gästenetz in eigenes Segment mit eigenem Internetausgang legen und Trennung testen.',
            en: 'Place the guest network in its own segment with its own internet breakout and test the separation.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-04',
      question: {
        de: 'Schützt eine Firewall den Übergang zum Internet, und ist dort nur ausdrücklich erlaubter Verkehr zugelassen?',
        en: 'Does a firewall protect the internet connection, and is only explicitly permitted traffic allowed there?',
      },
      guidance: {
        de: 'Ja heißt: Die Grundregel lautet „alles verboten, was nicht erlaubt ist“, jede Freigabe ist mit Zweck und Verantwortlichem dokumentiert, und auch ausgehender Verkehr wird eingeschränkt.',
        en: 'Yes means: the default rule is “deny everything that is not permitted”, every allowance is documented with purpose and owner, and outbound traffic is also restricted.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['NET.3.2.A1', 'NET.3.2.A2'],
        grundschutzPlusPlus: ['ARCH.5.1', 'ARCH.2.2.1'],
      },
      measures: [
        {
          id: 'BB-NET-04-M1',
          type: 'technical',
          title: { de: 'Firewall-Regelwerk bereinigen', en: 'Clean up the firewall rule set' },
          description: {
            de: 'Regelwerk auf Standardverbot umstellen, jede Regel mit Zweck dokumentieren und ausgehenden Verkehr einschränken.',
            en: 'Switch the rule set to default deny, document each rule with its purpose and restrict outbound traffic.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-05',
      question: {
        de: 'Stehen aus dem Internet erreichbare Systeme (z. B. Webmail, Bürgerportal, Fernzugang) in einem eigenen, abgeschotteten Netzbereich (DMZ)?',
        en: 'Are systems reachable from the internet (e.g. webmail, citizen portal, remote access gateway) placed in a separate, isolated network zone (DMZ)?',
      },
      guidance: {
        de: 'Ja heißt: Kein aus dem Internet erreichbarer Dienst läuft direkt im internen Netz; Verbindungen aus der DMZ ins interne Netz sind auf einzelne, dokumentierte Ziele beschränkt.',
        en: 'Yes means: no service reachable from the internet runs directly in the internal network; connections from the DMZ into the internal network are limited to individual, documented destinations.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: ['NET.1.1.A10'], grundschutzPlusPlus: ['ARCH.2.2.6', 'ARCH.5.1.11'] },
      measures: [
        {
          id: 'BB-NET-05-M1',
          type: 'technical',
          title: { de: 'DMZ einrichten', en: 'Set up a DMZ' },
          description: {
            de: 'Öffentlich erreichbare Dienste in eine DMZ verlegen oder über einen vorgeschalteten Proxy bereitstellen.',
            en: 'Move publicly reachable services into a DMZ or provide them via an upstream proxy.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-06',
      question: {
        de: 'Werden die Firewallregeln und der tatsächliche Netzaufbau mindestens einmal im Jahr mit der Dokumentation abgeglichen und bereinigt?',
        en: 'Are the firewall rules and the actual network layout compared with the documentation and cleaned up at least once a year?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt ein Protokoll der letzten Überprüfung, veraltete Regeln wurden entfernt und Abweichungen zwischen Plan und Wirklichkeit korrigiert.',
        en: 'Yes means: there is a record of the last review, obsolete rules were removed and deviations between plan and reality were corrected.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['NET.1.1.A15'], grundschutzPlusPlus: ['ARCH.2.6'] },
      measures: [
        {
          id: 'BB-NET-06-M1',
          type: 'organisational',
          title: { de: 'Jährliche Regelwerksprüfung', en: 'Annual rule set review' },
          description: {
            de: 'Jährlichen Termin für Regelwerks- und Netzplanprüfung festlegen und Ergebnis dokumentieren.',
            en: 'Set an annual date to review the rule set and network diagram and document the outcome.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-07',
      question: {
        de: 'Sind die Verwaltungsoberflächen von Firewall, Routern und anderen Netzgeräten aus dem Internet nicht erreichbar?',
        en: 'Are the management interfaces of the firewall, routers and other network devices unreachable from the internet?',
      },
      guidance: {
        de: 'Ja heißt: Weboberflächen und Fernzugänge zur Verwaltung der Geräte sind nur aus dem internen Verwaltungsnetz erreichbar. Ein externer Portscan (z. B. über die Scanmodule) findet keine Verwaltungsoberflächen.',
        en: 'Yes means: web interfaces and remote management access to the devices can only be reached from the internal management network. An external port scan (e.g. via the scan modules) finds no management interfaces.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['NET.3.2.A6'], grundschutzPlusPlus: ['ARCH.5.1.6'] },
      measures: [
        {
          id: 'BB-NET-07-M1',
          type: 'technical',
          title: { de: 'Verwaltungszugänge schließen', en: 'Close management access' },
          description: {
            de: 'Verwaltungszugänge auf der Internetseite deaktivieren und den Zustand mit einem externen Scan bestätigen.',
            en: 'Disable management access on the internet side and confirm the state with an external scan.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-08',
      question: {
        de: 'Erfolgt Fernzugriff auf das Verwaltungsnetz (Homeoffice, Bereitschaft) nur über ein verschlüsseltes VPN mit zweitem Faktor?',
        en: 'Is remote access to the administrative network (home office, on-call duty) only possible via an encrypted VPN with a second factor?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt keine direkt aus dem Internet erreichbaren Fernsteuerungsdienste; der VPN-Zugang ist geplant, sicher konfiguriert und verlangt einen zweiten Faktor. Prüfen Sie auch Fernzugänge, die Dienstleister eingerichtet haben.',
        en: 'Yes means: there are no remote control services directly reachable from the internet; VPN access is planned, securely configured and requires a second factor. Also check remote access set up by service providers.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['NET.3.3.A1', 'NET.3.3.A4'],
        grundschutzPlusPlus: ['BER.5.8', 'ARCH.6.2'],
      },
      measures: [
        {
          id: 'BB-NET-08-M1',
          type: 'technical',
          title: { de: 'VPN mit zweitem Faktor', en: 'VPN with a second factor' },
          description: {
            de: 'Fernzugänge auf ein zentrales VPN mit zweitem Faktor umstellen und direkte Fernsteuerungszugänge schließen.',
            en: 'Move remote access to a central VPN with a second factor and close direct remote control access.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-09',
      question: {
        de: 'Gibt es eine Übersicht aller VPN- und Fernzugänge, und werden nicht mehr benötigte Zugänge umgehend gesperrt?',
        en: 'Is there an overview of all VPN and remote access accounts, and are access rights that are no longer needed revoked promptly?',
      },
      guidance: {
        de: 'Ja heißt: Die Liste nennt Person oder Firma, Zweck und Ablaufdatum; mindestens halbjährlich wird geprüft, ob jeder Zugang noch gebraucht wird.',
        en: 'Yes means: the list names the person or company, purpose and expiry date; at least every six months it is checked whether each access is still needed.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BER.3.9', 'BER.4.4'] },
      measures: [
        {
          id: 'BB-NET-09-M1',
          type: 'organisational',
          title: { de: 'Register der Fernzugänge', en: 'Register of remote access' },
          description: {
            de: 'Alle Fernzugänge mit Zweck und Ablaufdatum erfassen und halbjährlich überprüfen.',
            en: 'Record all remote access with purpose and expiry date and review it every six months.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-10',
      question: {
        de: 'Ist Fernwartung durch Hersteller und Dienstleister so geregelt, dass sie nur nach Freigabe im Einzelfall, über gesicherte Verbindungen und nachvollziehbar stattfindet?',
        en: 'Is remote maintenance by vendors and service providers regulated so that it only happens after case-by-case approval, over secured connections and traceably?',
      },
      guidance: {
        de: 'Ja heißt: Fernwartungszugänge sind im Normalfall deaktiviert, werden für die Sitzung freigeschaltet, und es wird protokolliert, wer wann was getan hat. Dauerhaft offene Fernwartungswerkzeuge gibt es nicht.',
        en: 'Yes means: remote maintenance access is disabled by default, enabled for the session, and it is logged who did what and when. There are no permanently open remote maintenance tools.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['OPS.1.2.5.A1', 'OPS.1.2.5.A2', 'OPS.1.2.5.A3'],
        grundschutzPlusPlus: ['KONF.4.3', 'KONF.4.4'],
      },
      measures: [
        {
          id: 'BB-NET-10-M1',
          type: 'technical',
          title: { de: 'Fernwartung absichern', en: 'Secure remote maintenance' },
          description: {
            de: 'Zentralen Fernwartungszugang mit Freigabe je Sitzung und Protokollierung einrichten und Direktzugänge entfernen.',
            en: 'Set up central remote maintenance access with per-session approval and logging and remove direct access.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-11',
      question: {
        de: 'Ist das Verwaltungs-WLAN mit einem aktuellen Verfahren verschlüsselt (mindestens WPA2, besser WPA3 oder mit Einzelanmeldung)?',
        en: 'Is the administrative Wi-Fi encrypted with a current method (at least WPA2, preferably WPA3 or with individual sign-in)?',
      },
      guidance: {
        de: 'Ja heißt: Es gibt keine offenen oder mit veralteten Verfahren gesicherten Funknetze; ein gemeinsamer WLAN-Schlüssel ist lang, nicht öffentlich bekannt und wird bei Personalwechseln erneuert. Gibt es kein WLAN, ist „nicht anwendbar“ zu wählen.',
        en: 'Yes means: there are no open Wi-Fi networks or networks secured with outdated methods; a shared Wi-Fi key is long, not publicly known and renewed when staff change. If there is no Wi-Fi, choose “not applicable”.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['NET.2.1.A3'], grundschutzPlusPlus: ['ARCH.3.4'] },
      measures: [
        {
          id: 'BB-NET-11-M1',
          type: 'technical',
          title: { de: 'WLAN-Verschlüsselung erneuern', en: 'Renew Wi-Fi encryption' },
          description: {
            de: 'Verschlüsselung auf aktuellen Stand bringen und für das Verwaltungsnetz eine Anmeldung je Gerät oder Person einführen.',
            en: 'Bring encryption up to date and introduce per-device or per-person sign-in for the administrative network.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-12',
      question: {
        de: 'Sind Gebäudeleittechnik, Zutrittsanlagen und andere Steuerungssysteme (z. B. in Kläranlage, Wasserwerk oder Schwimmbad) vom Verwaltungsnetz getrennt?',
        en: 'Are building automation, access control systems and other control systems (e.g. in the sewage plant, waterworks or swimming pool) separated from the administrative network?',
      },
      guidance: {
        de: 'Ja heißt: Solche Systeme liegen in eigenen Segmenten ohne direkte Verbindung zum Verwaltungsnetz oder Internet; Fernzugriffe der Hersteller laufen über den geregelten Fernwartungszugang. Gibt es keine solchen Systeme, ist „nicht anwendbar“ zu wählen.',
        en: 'Yes means: such systems sit in their own segments without a direct connection to the administrative network or the internet; vendor remote access goes through the regulated remote maintenance gateway. If there are no such systems, choose “not applicable”.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ARCH.2.2.5'] },
      measures: [
        {
          id: 'BB-NET-12-M1',
          type: 'technical',
          title: { de: 'Steuerungsnetze abtrennen', en: 'Separate control networks' },
          description: {
            de: 'Steuerungs- und Gebäudetechnik erfassen, in eigene Segmente verlegen und Verbindungen auf das Notwendige beschränken.',
            en: 'Inventory control and building systems, move them into their own segments and restrict connections to what is necessary.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-13',
      question: {
        de: 'Ist verhindert, dass fremde Geräte einfach an freie Netzwerkdosen angeschlossen werden und Zugang zum Verwaltungsnetz erhalten?',
        en: 'Is it prevented that unknown devices can simply be plugged into free network sockets and gain access to the administrative network?',
      },
      guidance: {
        de: 'Ja heißt: Ungenutzte Netzwerkdosen sind deaktiviert, insbesondere in öffentlich zugänglichen Räumen, oder eine Netzzugangskontrolle lässt nur bekannte Geräte zu.',
        en: 'Yes means: unused network sockets are disabled, especially in publicly accessible rooms, or network access control only admits known devices.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ARCH.4.1', 'ASST.2.2.1'] },
      measures: [
        {
          id: 'BB-NET-13-M1',
          type: 'technical',
          title: { de: 'Netzzugang kontrollieren', en: 'Control network access' },
          description: {
            de: 'Ungenutzte Switchports abschalten und mittelfristig eine Netzzugangskontrolle einführen.',
            en: 'Shut down unused switch ports and introduce network access control in the medium term.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-14',
      question: {
        de: 'Gibt es für die Verwaltung von Netzgeräten und Servern einen eigenen, vom übrigen Netz getrennten Managementbereich?',
        en: 'Is there a dedicated management zone, separated from the rest of the network, for administering network devices and servers?',
      },
      guidance: {
        de: 'Ja heißt: Verwaltungsschnittstellen von Switches, Firewalls, USV, Druckern und Servern sind nur aus dem Managementbereich erreichbar, nicht aus dem Arbeitsplatznetz.',
        en: 'Yes means: management interfaces of switches, firewalls, UPS, printers and servers are only reachable from the management zone, not from the workstation network.',
      },
      level: 'standard',
      effort: 'high',
      references: { itGrundschutz: ['NET.1.1.A21'], grundschutzPlusPlus: ['ARCH.2.2.7'] },
      measures: [
        {
          id: 'BB-NET-14-M1',
          type: 'technical',
          title: { de: 'Managementnetz einrichten', en: 'Set up a management network' },
          description: {
            de: 'Managementsegment anlegen, Verwaltungsschnittstellen dorthin verlegen und Zugriffe aus anderen Netzen sperren.',
            en: 'Create a management segment, move management interfaces there and block access from other networks.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-15',
      question: {
        de: 'Wurden die aus dem Internet erreichbaren Systeme der Kommune in den letzten zwei Jahren durch einen Penetrationstest geprüft?',
        en: 'Have the municipality’s internet-facing systems been checked by a penetration test within the last two years?',
      },
      guidance: {
        de: 'Ja heißt: Ein qualifizierter Dienstleister hat Fernzugänge, Webmail, Website und weitere öffentliche Dienste mit Erlaubnis der Kommune geprüft, und die Befunde sind behoben oder mit Frist eingeplant. Regelmäßige automatisierte Scans ergänzen den Test, ersetzen ihn aber nicht.',
        en: 'Yes means: a qualified provider has tested remote access, webmail, website and other public services with the municipality’s permission, and the findings have been fixed or scheduled with a deadline. Regular automated scans complement the test but do not replace it.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.5.4', 'DET.5.3'] },
      measures: [
        {
          id: 'BB-NET-15-M1',
          type: 'penetration_test',
          title: { de: 'Externer Penetrationstest', en: 'External penetration test' },
          description: {
            de: 'Penetrationstest der aus dem Internet erreichbaren Systeme beauftragen, Ergebnisse in Bastei erfassen und Befunde beheben.',
            en: 'Commission a penetration test of the internet-facing systems, record the results in Bastei and fix the findings.',
          },
        },
      ],
    },
    {
      id: 'BB-NET-16',
      question: {
        de: 'Sind veraltete und unsichere Netzprotokolle (z. B. Telnet, FTP ohne Verschlüsselung, SMBv1) abgeschaltet?',
        en: 'Have outdated and insecure network protocols (e.g. Telnet, unencrypted FTP, SMBv1) been switched off?',
      },
      guidance: {
        de: 'Ja heißt: Ein interner Scan findet keine solchen Dienste, oder verbleibende Ausnahmen sind begründet, dokumentiert und auf einzelne Segmente beschränkt.',
        en: 'Yes means: an internal scan finds no such services, or remaining exceptions are justified, documented and restricted to individual segments.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ARCH.5.1.1', 'KONF.14.1.1'] },
      measures: [
        {
          id: 'BB-NET-16-M1',
          type: 'technical',
          title: { de: 'Unsichere Protokolle abschalten', en: 'Switch off insecure protocols' },
          description: {
            de: 'Unsichere Protokolle per Scan finden, durch verschlüsselte Alternativen ersetzen und abschalten.',
            en: 'Find insecure protocols by scanning, replace them with encrypted alternatives and switch them off.',
          },
        },
      ],
    },
  ],
};
