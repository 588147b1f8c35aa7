import type { BaselineTopic } from '../types.ts';

export const mailWebTopic: BaselineTopic = {
  id: 'BB-MWE',
  code: 'MWE',
  title: {
    de: 'E-Mail und Internetauftritt',
    en: 'E-mail and web presence',
  },
  rationale: {
    de: 'E-Mail ist der häufigste Angriffsweg in die Verwaltung, und Website und Online-Dienste sind für jeden im Internet erreichbar, sodass beide besonders sorgfältig geschützt werden müssen.',
    en: 'E-mail is the most common attack path into an administration, and the website and online services can be reached by anyone on the internet, so both must be protected with particular care.',
  },
  requirements: [
    {
      id: 'BB-MWE-01',
      question: {
        de: 'Werden eingehende E-Mails zentral auf Spam und Schadsoftware geprüft, bevor sie in die Postfächer gelangen?',
        en: 'Are incoming e-mails checked centrally for spam and malware before they reach the mailboxes?',
      },
      guidance: {
        de: 'Ja heißt: Ein Mail-Gateway oder der Mail-Dienstleister filtert Spam und Schadsoftware; Filter werden aktuell gehalten, und die IT kann Meldungen über verdächtige E-Mails auswerten.',
        en: 'Yes means: a mail gateway or the mail service provider filters spam and malware; filters are kept up to date, and IT can evaluate reports of suspicious e-mails.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['APP.5.3.A4'], grundschutzPlusPlus: ['KONF.13.1', 'KONF.13.1.1'] },
      measures: [
        {
          id: 'BB-MWE-01-M1',
          type: 'technical',
          title: { de: 'Zentrale E-Mail-Filterung', en: 'Central e-mail filtering' },
          description: {
            de: 'Spam- und Schadsoftwarefilter am Mailübergang einrichten oder beim Dienstleister vertraglich zusichern lassen.',
            en: 'Set up spam and malware filtering at the mail gateway or have it contractually guaranteed by the provider.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-02',
      question: {
        de: 'Werden gefährliche Dateianhänge wie ausführbare Programme, Skripte oder verschlüsselte Archive aus unbekannten Quellen blockiert oder in Quarantäne genommen?',
        en: 'Are dangerous attachments such as executable programs, scripts or encrypted archives from unknown sources blocked or quarantined?',
      },
      guidance: {
        de: 'Ja heißt: Eine Liste gesperrter Dateitypen ist im Filter hinterlegt, Office-Dateien mit Makros werden besonders behandelt, und Ausnahmen sind geregelt.',
        en: 'Yes means: a list of blocked file types is configured in the filter, office files with macros are handled specially, and exceptions are regulated.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.13.1', 'KONF.13.1.2'] },
      measures: [
        {
          id: 'BB-MWE-02-M1',
          type: 'technical',
          title: { de: 'Anhangfilter einrichten', en: 'Set up an attachment filter' },
          description: {
            de: 'Gefährliche Dateitypen sperren, Makrodokumente in Quarantäne nehmen und einen Freigabeweg definieren.',
            en: 'Block dangerous file types, quarantine macro documents and define a release process.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-03',
      question: {
        de: 'Sind für alle E-Mail-Domains der Kommune SPF, DKIM und DMARC eingerichtet, damit Absenderfälschungen erschwert werden?',
        en: 'Are SPF, DKIM and DMARC set up for all of the municipality’s e-mail domains to make sender forgery harder?',
      },
      guidance: {
        de: 'Ja heißt: Die DNS-Einträge sind vorhanden, DKIM-Signaturen werden gesetzt, und die DMARC-Richtlinie steht mindestens auf Quarantäne. Das prüfen auch die Scanmodule; nicht genutzte Domains verbieten den Versand ausdrücklich.',
        en: 'Yes means: the DNS records exist, DKIM signatures are applied, and the DMARC policy is set to at least quarantine. The scan modules check this too; unused domains explicitly forbid sending.',
      },
      level: 'basis',
      effort: 'medium',
      references: {
        itGrundschutz: ['APP.5.3.A9'],
        grundschutzPlusPlus: ['KONF.13.5', 'KONF.13.5.1', 'KONF.13.6', 'KONF.13.9', 'KONF.13.3'],
      },
      measures: [
        {
          id: 'BB-MWE-03-M1',
          type: 'technical',
          title: { de: 'SPF, DKIM und DMARC einrichten', en: 'Set up SPF, DKIM and DMARC' },
          description: {
            de: 'Versandwege ermitteln, SPF und DKIM einrichten und DMARC schrittweise von Beobachtung auf Ablehnung verschärfen.',
            en: 'Identify sending paths, set up SPF and DKIM and tighten DMARC step by step from monitoring to reject.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-04',
      question: {
        de: 'Werden E-Mails zwischen Mailservern verschlüsselt übertragen, und ist dies für die eigenen Domains abgesichert (z. B. mit MTA-STS oder DANE)?',
        en: 'Are e-mails transmitted between mail servers in encrypted form, and is this enforced for the municipality’s own domains (e.g. with MTA-STS or DANE)?',
      },
      guidance: {
        de: 'Ja heißt: Der Mailserver bietet und nutzt Transportverschlüsselung mit gültigem Zertifikat und aktuellen Protokollversionen, und eine Richtlinie verhindert, dass auf unverschlüsselte Übertragung ausgewichen wird.',
        en: 'Yes means: the mail server offers and uses transport encryption with a valid certificate and current protocol versions, and a policy prevents falling back to unencrypted transmission.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.13.10', 'KONF.13.11', 'KONF.14.1'] },
      measures: [
        {
          id: 'BB-MWE-04-M1',
          type: 'technical',
          title: { de: 'Transportverschlüsselung absichern', en: 'Enforce transport encryption' },
          description: {
            de: 'TLS-Konfiguration des Mailservers prüfen, Zertifikat erneuern und MTA-STS oder DANE veröffentlichen.',
            en: 'Check the mail server’s TLS configuration, renew the certificate and publish MTA-STS or DANE.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-05',
      question: {
        de: 'Sind die E-Mail-Programme so eingestellt, dass externe Inhalte nicht automatisch nachgeladen und aktive Inhalte nicht ausgeführt werden?',
        en: 'Are e-mail clients configured so that external content is not loaded automatically and active content is not executed?',
      },
      guidance: {
        de: 'Ja heißt: Bilder und Inhalte aus dem Internet werden erst nach Bestätigung geladen, Skripte nicht ausgeführt, und die Einstellungen sind zentral vorgegeben.',
        en: 'Yes means: images and content from the internet are only loaded after confirmation, scripts are not executed, and the settings are specified centrally.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['APP.5.3.A1'], grundschutzPlusPlus: ['KONF.13.1.2'] },
      measures: [
        {
          id: 'BB-MWE-05-M1',
          type: 'technical',
          title: { de: 'E-Mail-Programme härten', en: 'Harden e-mail clients' },
          description: {
            de: 'Nachladen externer Inhalte und Ausführung aktiver Inhalte per Richtlinie unterbinden.',
            en: 'Prevent loading of external content and execution of active content by policy.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-06',
      question: {
        de: 'Werden E-Mails von externen Absendern für die Beschäftigten sichtbar gekennzeichnet?',
        en: 'Are e-mails from external senders visibly marked for staff?',
      },
      guidance: {
        de: 'Ja heißt: Externe E-Mails erhalten einen Hinweis im Betreff oder Text, sodass gefälschte „interne“ Nachrichten (z. B. angeblich von der Bürgermeisterin) leichter auffallen.',
        en: 'Yes means: external e-mails receive a notice in the subject or body, so that forged “internal” messages (e.g. supposedly from the mayor) are easier to spot.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['SENS.7.8', 'KONF.13.2'] },
      measures: [
        {
          id: 'BB-MWE-06-M1',
          type: 'technical',
          title: { de: 'Externe E-Mails kennzeichnen', en: 'Tag external e-mails' },
          description: {
            de: 'Regel am Mailserver einrichten, die externe E-Mails kennzeichnet, und die Beschäftigten darüber informieren.',
            en: 'Set up a rule on the mail server that tags external e-mails and inform staff about it.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-07',
      question: {
        de: 'Ist der Zugriff auf Postfächer aus dem Internet (Webmail, mobile Geräte) nur mit zweitem Faktor oder über VPN möglich?',
        en: 'Is access to mailboxes from the internet (webmail, mobile devices) only possible with a second factor or via VPN?',
      },
      guidance: {
        de: 'Ja heißt: Webmail und Synchronisationsdienste verlangen einen zweiten Faktor oder sind nur über VPN erreichbar; veraltete Anmeldeverfahren ohne zweiten Faktor sind abgeschaltet.',
        en: 'Yes means: webmail and synchronisation services require a second factor or are only reachable via VPN; legacy sign-in methods without a second factor are switched off.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['BER.5.8'] },
      measures: [
        {
          id: 'BB-MWE-07-M1',
          type: 'technical',
          title: { de: 'Postfachzugriff von außen absichern', en: 'Secure external mailbox access' },
          description: {
            de: 'Zweiten Faktor für Webmail einrichten, Altprotokolle abschalten oder externen Zugriff nur über VPN erlauben.',
            en: 'Set up a second factor for webmail, disable legacy protocols or allow external access only via VPN.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-08',
      question: {
        de: 'Ist die Website der Kommune nur verschlüsselt (HTTPS) mit aktueller Konfiguration erreichbar?',
        en: 'Is the municipality’s website only reachable in encrypted form (HTTPS) with a current configuration?',
      },
      guidance: {
        de: 'Ja heißt: HTTP leitet auf HTTPS um, das Zertifikat ist gültig, veraltete Protokollversionen sind abgeschaltet und Sicherheits-Header (z. B. HSTS) gesetzt. Die Scanmodule liefern dazu Befunde nach BSI TR-02102-2.',
        en: 'Yes means: HTTP redirects to HTTPS, the certificate is valid, outdated protocol versions are disabled and security headers (e.g. HSTS) are set. The scan modules provide findings on this according to BSI TR-02102-2.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['APP.3.2.A11'], grundschutzPlusPlus: ['KONF.14.1', 'KONF.12.1.10'] },
      measures: [
        {
          id: 'BB-MWE-08-M1',
          type: 'technical',
          title: { de: 'TLS-Konfiguration der Website', en: 'Website TLS configuration' },
          description: {
            de: 'TLS-Einstellungen und Sicherheits-Header mit dem Hosting-Dienstleister prüfen und Befunde der Scans beheben.',
            en: 'Review TLS settings and security headers with the hosting provider and fix the scan findings.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-09',
      question: {
        de: 'Werden das Redaktionssystem der Website und alle Erweiterungen regelmäßig aktualisiert, und ist klar, wer dafür zuständig ist?',
        en: 'Are the website’s content management system and all extensions updated regularly, and is it clear who is responsible?',
      },
      guidance: {
        de: 'Ja heißt: Die Zuständigkeit (eigene IT, Agentur oder Hoster) ist vertraglich oder intern geregelt, Sicherheitsupdates werden zeitnah eingespielt, und ungenutzte Erweiterungen sind entfernt.',
        en: 'Yes means: responsibility (own IT, agency or hosting provider) is regulated by contract or internally, security updates are installed promptly, and unused extensions are removed.',
      },
      level: 'basis',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['KONF.8.2', 'DET.5.10'] },
      measures: [
        {
          id: 'BB-MWE-09-M1',
          type: 'organisational',
          title: { de: 'Update-Zuständigkeit für die Website', en: 'Update responsibility for the website' },
          description: {
            de: 'Zuständigkeit und Fristen für Updates mit Agentur oder Hoster vereinbaren und den Versionsstand regelmäßig prüfen.',
            en: 'Agree responsibility and deadlines for updates with the agency or hosting provider and check the version regularly.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-10',
      question: {
        de: 'Sind die Redaktions- und Verwaltungszugänge der Website durch persönliche Konten, starke Passwörter und möglichst einen zweiten Faktor geschützt?',
        en: 'Are the editorial and administrative logins of the website protected by personal accounts, strong passwords and, where possible, a second factor?',
      },
      guidance: {
        de: 'Ja heißt: Jede redaktionell tätige Person hat ein eigenes Konto mit passenden Rechten, Administrationszugänge sind auf wenige Personen beschränkt, und Konten ausgeschiedener Personen sind gelöscht.',
        en: 'Yes means: every editor has their own account with suitable rights, administrative access is restricted to a few people, and accounts of people who have left are deleted.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: ['APP.3.2.A5'], grundschutzPlusPlus: ['BER.5.9', 'BER.3.5'] },
      measures: [
        {
          id: 'BB-MWE-10-M1',
          type: 'technical',
          title: { de: 'Redaktionszugänge absichern', en: 'Secure editorial logins' },
          description: {
            de: 'Konten der Website überprüfen, Sammelkonten ersetzen und einen zweiten Faktor für Administrationszugänge aktivieren.',
            en: 'Review website accounts, replace shared accounts and enable a second factor for administrative logins.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-11',
      question: {
        de: 'Protokolliert der Webserver Zugriffe und Fehler, und sind die Protokolle bei einem Vorfall verfügbar?',
        en: 'Does the web server log access and errors, and are the logs available in case of an incident?',
      },
      guidance: {
        de: 'Ja heißt: Zugriffs- und Fehlerprotokolle werden für einen festgelegten Zeitraum aufbewahrt, der Datenschutz ist beachtet, und bei Fremdhosting ist vertraglich geregelt, dass die Kommune sie erhält.',
        en: 'Yes means: access and error logs are kept for a defined period, data protection rules are observed, and with external hosting it is contractually agreed that the municipality receives them.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: ['APP.3.2.A4'], grundschutzPlusPlus: ['DET.3.1', 'DET.3.1.7'] },
      measures: [
        {
          id: 'BB-MWE-11-M1',
          type: 'organisational',
          title: { de: 'Webprotokolle sicherstellen', en: 'Secure access to web logs' },
          description: {
            de: 'Aufbewahrung der Webserverprotokolle festlegen und die Herausgabe im Vorfall mit dem Hoster vereinbaren.',
            en: 'Define retention of web server logs and agree their handover in an incident with the hosting provider.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-12',
      question: {
        de: 'Ist geregelt, wer Inhalte der Website und der sozialen Medien freigibt und veröffentlichen darf?',
        en: 'Is it regulated who approves and may publish content on the website and social media?',
      },
      guidance: {
        de: 'Ja heißt: Eine Redaktionsregel nennt berechtigte Personen und den Freigabeweg; Zugangsdaten zu Social-Media-Konten sind im Passwortspeicher hinterlegt und nicht an Privatkonten gebunden.',
        en: 'Yes means: an editorial rule names authorised people and the approval process; credentials for social media accounts are stored in the password vault and not tied to private accounts.',
      },
      level: 'basis',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ASST.4.3'] },
      measures: [
        {
          id: 'BB-MWE-12-M1',
          type: 'organisational',
          title: { de: 'Redaktions- und Freigaberegel', en: 'Editorial and approval rule' },
          description: {
            de: 'Berechtigte Personen und Freigabeweg festlegen und Social-Media-Zugänge auf dienstliche Konten umstellen.',
            en: 'Define authorised people and the approval process and move social media access to official accounts.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-13',
      question: {
        de: 'Werden Ablaufdaten von Domains und Zertifikaten überwacht, und ist der Zugang zum Domain-Registrar geschützt?',
        en: 'Are the expiry dates of domains and certificates monitored, and is access to the domain registrar protected?',
      },
      guidance: {
        de: 'Ja heißt: Eine Liste aller Domains mit Registrar, Ablaufdatum und Zuständigkeit existiert, Erinnerungen oder automatische Verlängerung sind eingerichtet, und der Registrar-Zugang hat einen zweiten Faktor.',
        en: 'Yes means: a list of all domains with registrar, expiry date and responsibility exists, reminders or automatic renewal are set up, and registrar access has a second factor.',
      },
      level: 'standard',
      effort: 'low',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.4.7', 'DET.4.8', 'DEV.7.2'] },
      measures: [
        {
          id: 'BB-MWE-13-M1',
          type: 'technical',
          title: { de: 'Domain- und Zertifikatsüberwachung', en: 'Domain and certificate monitoring' },
          description: {
            de: 'Domains und Zertifikate in Bastei als Assets erfassen und Ablaufwarnungen einrichten.',
            en: 'Record domains and certificates as assets in Bastei and set up expiry warnings.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-14',
      question: {
        de: 'Werden Online-Dienste und Formulare, in denen Bürgerinnen und Bürger Daten eingeben, vor dem Start und nach größeren Änderungen auf Sicherheitslücken geprüft?',
        en: 'Are online services and forms in which citizens enter data checked for security vulnerabilities before launch and after major changes?',
      },
      guidance: {
        de: 'Ja heißt: Für eigene oder beauftragte Webanwendungen liegt ein aktueller Prüfbericht (Penetrationstest oder Nachweis des Anbieters) vor. Bei zentral vom Land bereitgestellten Diensten genügt der Nachweis des Betreibers.',
        en: 'Yes means: for own or commissioned web applications there is a current test report (penetration test or provider’s evidence). For services provided centrally by the state, the operator’s evidence is sufficient.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['DET.5.4', 'TEST.3.1.11'] },
      measures: [
        {
          id: 'BB-MWE-14-M1',
          type: 'penetration_test',
          title: { de: 'Webanwendungstest', en: 'Web application test' },
          description: {
            de: 'Sicherheitstest der Online-Dienste beauftragen oder Prüfnachweise beim Anbieter anfordern und Befunde nachverfolgen.',
            en: 'Commission a security test of the online services or request test evidence from the provider and track the findings.',
          },
        },
      ],
    },
    {
      id: 'BB-MWE-15',
      question: {
        de: 'Wird der Internetzugang der Verwaltung über einen Filter geführt, der bekannte Schadseiten und riskante Inhalte sperrt?',
        en: 'Is the administration’s internet access routed through a filter that blocks known malicious sites and risky content?',
      },
      guidance: {
        de: 'Ja heißt: Ein Web-Proxy, DNS-Filter oder die Firewall sperrt bekannte Schadseiten und ggf. Kategorien wie Filesharing; die Filterlisten werden automatisch aktualisiert.',
        en: 'Yes means: a web proxy, DNS filter or the firewall blocks known malicious sites and, where appropriate, categories such as file sharing; filter lists are updated automatically.',
      },
      level: 'standard',
      effort: 'medium',
      references: { itGrundschutz: [], grundschutzPlusPlus: ['ARCH.5.1.10', 'ARCH.5.1.10.1', 'ARCH.5.1.9'] },
      measures: [
        {
          id: 'BB-MWE-15-M1',
          type: 'technical',
          title: { de: 'Web- und DNS-Filter einrichten', en: 'Set up web and DNS filtering' },
          description: {
            de: 'DNS- oder Webfilter mit automatisch aktualisierten Sperrlisten vor den Internetzugang schalten.',
            en: 'Put a DNS or web filter with automatically updated block lists in front of the internet connection.',
          },
        },
      ],
    },
  ],
};
