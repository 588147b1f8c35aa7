/**
 * The built-in check catalogue. Ids are stable (findings are keyed by them); texts are our own.
 *
 * Where a rule comes from:
 * - TLS: BSI TR-02102-2 "Kryptographische Verfahren: Empfehlungen und Schlüssellängen, Teil 2 –
 *   Verwendung von Transport Layer Security" (2025-01) and TR-02102-1 for key lengths and hash
 *   functions. Section numbers follow that edition's layout (3.2 versions, 3.3.1 TLS 1.2 suites,
 *   3.4.4 TLS 1.3 suites, 3.5 authentication, 3.6 key lengths); re-check them when BSI publishes
 *   a new edition.
 * - Web, mail and network rules: BSI Grundschutz++ (Stand-der-Technik-Kernel) requirement ids
 *   as published in BSI's OSCAL catalogue, plus the defining RFCs.
 * Ratings are BSI's where BSI sets one; where it does not (header set, security.txt), the
 * rating is ours and the `ratings` list says so.
 */
import type { CheckDefinition, CheckId } from './types.ts';

const TR_02102_2 = 'BSI TR-02102-2 (2025-01)';
const TR_02102_1 = 'BSI TR-02102-1 (2025-01)';
const GSPP = 'BSI Grundschutz++';

const definitions: readonly CheckDefinition[] = [
  {
    id: 'https.available',
    category: 'web',
    severity: 'high',
    title: { de: 'HTTPS verfügbar', en: 'HTTPS available' },
    rationale: {
      de: 'Ohne HTTPS gehen Formulareingaben, Sitzungs-Cookies und Inhalte im Klartext über das Netz; jede Stelle auf dem Weg kann mitlesen oder Seiten verfälschen. Ein Webangebot einer Verwaltung muss daher verschlüsselt erreichbar sein.',
      en: 'Without HTTPS, form input, session cookies and page content travel in clear text; anyone on the path can read them or alter pages. A public administration website must therefore be reachable over an encrypted connection.',
    },
    remediation: {
      de: 'TLS auf Port 443 mit einem gültigen Zertifikat einrichten (z. B. über ACME) und die Konfiguration nach BSI TR-02102-2 ausrichten.',
      en: 'Serve the site over TLS on port 443 with a valid certificate (e.g. via ACME), configured per BSI TR-02102-2.',
    },
    reference: `${GSPP} KONF.14.1.1`,
    seeAlso: [`${TR_02102_2}, 3`, 'RFC 9110, 4.2.2'],
    ratings: ['no TLS handshake or no HTTP response on the HTTPS port: fail, high'],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'https.redirect',
    category: 'web',
    severity: 'medium',
    title: { de: 'Weiterleitung von HTTP auf HTTPS', en: 'HTTP redirects to HTTPS' },
    rationale: {
      de: 'Wer die Adresse ohne "https://" eintippt oder einem alten Link folgt, landet zuerst auf HTTP. Liefert der Server dort Inhalte aus statt sofort auf HTTPS umzuleiten, bleibt dieser erste Aufruf ungeschützt und kann umgelenkt werden.',
      en: 'Visitors who type the address without "https://" or follow an old link arrive over HTTP first. If the server serves content there instead of redirecting to HTTPS at once, that first request stays unprotected and can be hijacked.',
    },
    remediation: {
      de: 'Auf Port 80 jede Anfrage mit 301/308 auf dieselbe Adresse mit https:// umleiten und dort nichts anderes ausliefern.',
      en: 'On port 80 answer every request with a 301/308 redirect to the same address over https:// and serve nothing else.',
    },
    reference: `${GSPP} KONF.14.1.1`,
    seeAlso: ['RFC 6797, 7.2', 'RFC 9110, 15.4'],
    ratings: [
      'HTTP answers with content (no redirect to https): fail, medium',
      'redirect to an http:// URL on another host, or a redirect loop: fail, medium',
      'redirect to https:// on another host: warn, info (that host is not followed; scan it separately)',
      'port 80 closed: pass (nothing served in clear text)',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'http.hsts',
    category: 'web',
    severity: 'medium',
    title: { de: 'HTTP Strict Transport Security (HSTS)', en: 'HTTP Strict Transport Security (HSTS)' },
    rationale: {
      de: 'Mit HSTS merkt sich der Browser, eine Website nur noch über HTTPS aufzurufen. Das schließt die Lücke beim ersten unverschlüsselten Aufruf und verhindert, dass ein Angreifer die Verbindung auf HTTP herabstuft. Eine Gültigkeit von mindestens einem Jahr ist üblich und Voraussetzung für Preload-Listen.',
      en: 'With HSTS the browser remembers to reach the site over HTTPS only. This closes the gap of the first clear-text request and stops an attacker from downgrading the connection to HTTP. A lifetime of at least one year is the common baseline and a precondition for preload lists.',
    },
    remediation: {
      de: 'Auf allen HTTPS-Antworten "Strict-Transport-Security: max-age=31536000; includeSubDomains" senden (includeSubDomains erst, wenn alle Subdomains HTTPS können).',
      en: 'Send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every HTTPS response (add includeSubDomains once all subdomains support HTTPS).',
    },
    reference: 'RFC 6797, 6.1',
    seeAlso: [`${GSPP} KONF.12.1.5`, `${GSPP} KONF.12.1.10`],
    ratings: [
      'header missing or unparsable on the HTTPS response: fail, medium',
      'max-age below 31536000 s (one year): fail, low',
      'max-age=0 (HSTS switched off): fail, medium',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'http.headers',
    category: 'web',
    severity: 'low',
    title: { de: 'Sicherheitsrelevante HTTP-Header', en: 'Security-relevant HTTP response headers' },
    rationale: {
      de: 'Einige Antwort-Header weisen den Browser an, Schutzmechanismen einzuschalten: kein Raten von Inhaltstypen (nosniff), kein Einbetten in fremde Seiten (Clickjacking), eine Content Security Policy gegen eingeschleuste Skripte und eine sparsame Weitergabe der Herkunftsadresse. Sie kosten wenig und mindern die Folgen von Fehlern in der Anwendung.',
      en: 'A few response headers tell the browser to switch on protections: no content-type guessing (nosniff), no framing by other sites (clickjacking), a Content Security Policy against injected scripts, and restrained referrer disclosure. They are cheap and limit the damage of application bugs.',
    },
    remediation: {
      de: 'X-Content-Type-Options: nosniff, Content-Security-Policy (mit frame-ancestors) bzw. X-Frame-Options und Referrer-Policy (z. B. strict-origin-when-cross-origin) auf allen Antworten setzen.',
      en: 'Set X-Content-Type-Options: nosniff, Content-Security-Policy (with frame-ancestors) or X-Frame-Options, and Referrer-Policy (e.g. strict-origin-when-cross-origin) on every response.',
    },
    reference: `${GSPP} KONF.12.1.10`,
    seeAlso: [
      'W3C Content Security Policy Level 3',
      'RFC 7034',
      'W3C Referrer Policy',
      'WHATWG Fetch, X-Content-Type-Options',
    ],
    ratings: [
      'any of nosniff, frame protection (CSP frame-ancestors or X-Frame-Options), CSP, Referrer-Policy missing or invalid: fail, low (our rating: BSI asks for the headers but sets no weight; they harden rather than fix)',
    ],
    baselineRequirements: [],
  },
  {
    id: 'http.security-txt',
    category: 'web',
    severity: 'low',
    title: { de: 'security.txt (RFC 9116)', en: 'security.txt (RFC 9116)' },
    rationale: {
      de: 'Wer eine Schwachstelle findet, braucht einen Ansprechpartner. Eine security.txt unter /.well-known/ nennt ihn maschinenlesbar; das Ablaufdatum sorgt dafür, dass veraltete Angaben auffallen.',
      en: 'Someone who finds a vulnerability needs a contact. A security.txt under /.well-known/ names it in a machine-readable way; its expiry date makes stale contact data visible.',
    },
    remediation: {
      de: 'Unter https://<host>/.well-known/security.txt (text/plain) mindestens eine Contact-Zeile und ein Expires-Datum weniger als ein Jahr in der Zukunft veröffentlichen und regelmäßig erneuern.',
      en: 'Publish https://<host>/.well-known/security.txt (text/plain) with at least one Contact line and an Expires date less than a year ahead, and renew it regularly.',
    },
    reference: 'RFC 9116, 2.5.3 and 2.5.5',
    seeAlso: ['RFC 9116, 3'],
    ratings: [
      'missing (no 200 text/plain at /.well-known/security.txt): fail, low',
      'no Contact, or Expires missing, invalid, repeated or in the past: fail, low',
      'Expires more than one year ahead: warn, info (RFC 9116 recommends less than a year)',
    ],
    baselineRequirements: [],
  },
  {
    id: 'tls.protocols',
    category: 'tls',
    severity: 'high',
    title: { de: 'TLS-Protokollversionen', en: 'TLS protocol versions' },
    rationale: {
      de: 'TLS 1.0 und 1.1 beruhen auf veralteten Konstruktionen (MD5/SHA-1 im Handshake, CBC-Schwächen) und werden vom BSI nicht mehr empfohlen; SSL 2.0/3.0 sind gebrochen. Bietet der Server sie an, können Angreifer Verbindungen auf diese Versionen herabstufen. Zulässig sind nur TLS 1.2 und TLS 1.3.',
      en: 'TLS 1.0 and 1.1 rest on outdated constructions (MD5/SHA-1 in the handshake, CBC weaknesses) and BSI no longer recommends them; SSL 2.0/3.0 are broken. If the server offers them, attackers can push connections down to them. Only TLS 1.2 and TLS 1.3 are acceptable.',
    },
    remediation: {
      de: 'Auf dem Server nur TLS 1.2 und TLS 1.3 aktivieren (z. B. "ssl_protocols TLSv1.2 TLSv1.3;").',
      en: 'Enable only TLS 1.2 and TLS 1.3 on the server (e.g. "ssl_protocols TLSv1.2 TLSv1.3;").',
    },
    reference: `${TR_02102_2}, 3.2`,
    seeAlso: ['RFC 8996', 'RFC 7568'],
    ratings: [
      'TLS 1.0 or TLS 1.1 accepted: fail, high',
      'neither TLS 1.2 nor TLS 1.3 accepted but the port speaks TLS: fail, high',
      'TLS 1.2 without TLS 1.3: pass (TR-02102-2 accepts both; noted in the evidence)',
      'SSL 2.0/3.0 cannot be probed with Node.js (OpenSSL 3 has no SSLv2/v3): see testssl.sh imports',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'tls.ciphers',
    category: 'tls',
    severity: 'high',
    title: { de: 'TLS-Cipher-Suiten', en: 'TLS cipher suites' },
    rationale: {
      de: 'Die Cipher-Suite bestimmt Schlüsselaustausch, Verschlüsselung und Integritätsschutz. RC4, (3)DES, NULL-, EXPORT- und anonyme Suiten sind gebrochen oder schützen gar nicht. Suiten ohne Forward Secrecy (statischer RSA- oder DH-Schlüsselaustausch) erlauben es, aufgezeichneten Verkehr nachträglich zu entschlüsseln, sobald der Serverschlüssel bekannt wird. Das BSI empfiehlt für TLS 1.2 nur (EC)DHE-Suiten mit AES in GCM, CCM oder CBC mit SHA-2.',
      en: 'The cipher suite decides key exchange, encryption and integrity protection. RC4, (3)DES, NULL, EXPORT and anonymous suites are broken or protect nothing. Suites without forward secrecy (static RSA or DH key exchange) let anyone who recorded the traffic decrypt it later once the server key leaks. For TLS 1.2, BSI recommends only (EC)DHE suites with AES in GCM, CCM or CBC with SHA-2.',
    },
    remediation: {
      de: 'Nur die Suiten aus TR-02102-2 anbieten, z. B. ECDHE-ECDSA/ECDHE-RSA mit AES-GCM, und die Server-Reihenfolge erzwingen; RSA-Schlüsselaustausch abschalten.',
      en: 'Offer only the suites listed in TR-02102-2, e.g. ECDHE-ECDSA/ECDHE-RSA with AES-GCM, enforce the server order, and disable RSA key exchange.',
    },
    reference: `${TR_02102_2}, 3.3.1 and 3.4.4`,
    seeAlso: ['RFC 7465', 'RFC 9325, 4.2'],
    ratings: [
      'RC4, DES/3DES, IDEA, RC2, NULL encryption, EXPORT, anonymous (aNULL) or MD5-MAC suite accepted: fail, high',
      'suite without forward secrecy accepted and a modern client ends up on one (no TLS 1.3 and the server picks a non-PFS suite from a browser-like offer): fail, medium',
      'suite without forward secrecy accepted, but only as a fallback a modern client never negotiates: fail, low (our rating: exposure limited to legacy clients)',
      'suites with forward secrecy outside the TR-02102-2 list (e.g. ChaCha20, Camellia, ARIA, CBC with SHA-1, CCM_8): warn, info',
      '3DES/RC4/EXPORT suites the local OpenSSL cannot offer are listed as untested in the evidence',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'tls.cert.trust',
    category: 'tls',
    severity: 'high',
    title: { de: 'Vertrauenswürdige Zertifikatskette', en: 'Trusted certificate chain' },
    rationale: {
      de: 'Nur ein Zertifikat, das sich auf eine vertrauenswürdige Zertifizierungsstelle zurückführen lässt, beweist, dass man mit dem richtigen Server spricht. Selbst signierte Zertifikate oder unbekannte Aussteller gewöhnen Nutzer daran, Warnungen wegzuklicken, und machen Man-in-the-Middle-Angriffe unauffällig.',
      en: 'Only a certificate that chains to a trusted certification authority proves that one talks to the right server. Self-signed certificates or unknown issuers train users to click warnings away and make man-in-the-middle attacks inconspicuous.',
    },
    remediation: {
      de: 'Ein Zertifikat einer öffentlich vertrauenswürdigen CA (oder der Verwaltungs-PKI) einsetzen und die vollständige Zwischenzertifikatskette mit ausliefern.',
      en: 'Use a certificate from a publicly trusted CA (or the administration PKI) and serve the complete intermediate chain.',
    },
    reference: `${TR_02102_2}, 3.5`,
    seeAlso: ['RFC 5280, 6.1', `${GSPP} KONF.12.1.1`],
    ratings: [
      'self-signed leaf, unknown issuer, missing intermediate or broken signature in the chain: fail, high',
      'chain ends in one of the caller-supplied trust anchors (default: Mozilla roots bundled with Node.js): pass; validity dates are rated by tls.cert.expiry',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'tls.cert.hostname',
    category: 'tls',
    severity: 'high',
    title: { de: 'Zertifikat passt zum Hostnamen', en: 'Certificate matches the host name' },
    rationale: {
      de: 'Ein Zertifikat bestätigt nur die Namen, die darin stehen. Passt der aufgerufene Name nicht, melden Browser einen Fehler, und Clients, die die Prüfung umgehen, sind für Umleitungen angreifbar.',
      en: 'A certificate vouches only for the names it lists. If the requested name is not among them, browsers report an error, and clients that skip the check become open to redirection attacks.',
    },
    remediation: {
      de: 'Zertifikat mit allen genutzten Namen als subjectAltName (DNS) ausstellen lassen.',
      en: 'Have the certificate issued with every name in use as a subjectAltName (DNS) entry.',
    },
    reference: 'RFC 9525, 6',
    seeAlso: [`${TR_02102_2}, 3.5`, 'RFC 5280, 4.2.1.6'],
    ratings: [
      'requested name not covered by subjectAltName (or CN when no SAN): fail, high',
      'target given as an IP address without a matching IP SAN: not_applicable',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'tls.cert.expiry',
    category: 'tls',
    severity: 'high',
    title: { de: 'Gültigkeitszeitraum des Zertifikats', en: 'Certificate validity period' },
    rationale: {
      de: 'Abgelaufene Zertifikate brechen die Verbindung für alle Nutzer ab oder zwingen sie, Warnungen zu ignorieren. Ein bald ablaufendes Zertifikat ist ein Hinweis auf fehlende Erneuerung; rechtzeitiges Erneuern vermeidet Ausfälle.',
      en: 'Expired certificates break the connection for every user or force them to ignore warnings. A certificate close to expiry points to a missing renewal process; renewing in time avoids outages.',
    },
    remediation: {
      de: 'Zertifikat erneuern und die Erneuerung automatisieren (ACME) oder überwachen.',
      en: 'Renew the certificate and automate (ACME) or monitor renewal.',
    },
    reference: 'RFC 5280, 4.1.2.5',
    seeAlso: [`${GSPP} DET.4.8`, `${GSPP} DEV.7.2`],
    ratings: [
      'expired or not yet valid: fail, high',
      'expires in less than 14 days: fail, medium',
      'expires in less than 30 days: fail, low',
      'applies to the leaf and every intermediate the server sends',
    ],
    // Expiry is about monitoring the renewal (BB-MWE-13), not about how HTTPS is configured.
    baselineRequirements: ['BB-MWE-13'],
  },
  {
    id: 'tls.cert.key',
    category: 'tls',
    severity: 'high',
    title: { de: 'Schlüssellänge des Zertifikats', en: 'Certificate key size' },
    rationale: {
      de: 'Die Sicherheit der Serverauthentisierung hängt an der Schlüssellänge. Das BSI verlangt für RSA seit 2023 mindestens 3000 Bit; 2048 Bit gelten nur noch als Übergang, alles darunter als unsicher. Für elliptische Kurven gilt eine Mindestlänge von 250 Bit.',
      en: 'Server authentication is only as strong as its key. Since 2023 BSI asks for RSA keys of at least 3000 bits; 2048 bits are a transitional size, anything shorter is insecure. Elliptic-curve keys need at least 250 bits.',
    },
    remediation: {
      de: 'Beim nächsten Zertifikatswechsel einen RSA-Schlüssel mit mindestens 3072 Bit oder einen ECDSA-Schlüssel (P-256/P-384, brainpoolP256r1 oder größer) erzeugen.',
      en: 'At the next certificate renewal generate an RSA key of at least 3072 bits or an ECDSA key (P-256/P-384, brainpoolP256r1 or larger).',
    },
    reference: `${TR_02102_2}, 3.6`,
    seeAlso: [`${TR_02102_1}, 3.6`, `${GSPP} BER.7.2`],
    ratings: [
      'RSA/DSA below 2048 bit: fail, high',
      'RSA/DSA from 2048 to below 3000 bit: fail, low (TR-02102 asks for 3000 bit since 2023)',
      'EC below 250 bit: fail, high',
      'applies to the leaf and every intermediate the server sends',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'tls.cert.signature',
    category: 'tls',
    severity: 'high',
    title: { de: 'Signaturalgorithmus des Zertifikats', en: 'Certificate signature algorithm' },
    rationale: {
      de: 'Für SHA-1 und MD5 sind Kollisionen praktisch berechenbar; damit lassen sich Zertifikate mit gleicher Signatur fälschen. Zertifikate müssen mit einer Hashfunktion der SHA-2-Familie (oder besser) signiert sein.',
      en: 'Collisions for SHA-1 and MD5 are practical to compute, which allows forging certificates that carry the same signature. Certificates must be signed with a SHA-2 family hash (or better).',
    },
    remediation: {
      de: 'Zertifikat (und Zwischenzertifikate) mit SHA-256 oder stärker neu ausstellen lassen.',
      en: 'Have the certificate (and intermediates) reissued with SHA-256 or stronger.',
    },
    reference: `${TR_02102_1}, 4`,
    seeAlso: [`${TR_02102_2}, 3.5`, 'RFC 9155'],
    ratings: [
      'SHA-1, MD5 or MD2 signature on the leaf or an intermediate: fail, high',
      'self-signature of a root in the trust store is ignored (it is never verified)',
    ],
    baselineRequirements: ['BB-MWE-08'],
  },
  {
    id: 'mail.spf',
    category: 'mail',
    severity: 'medium',
    title: { de: 'SPF-Eintrag', en: 'SPF record' },
    rationale: {
      de: 'Mit SPF legt eine Domain fest, welche Server in ihrem Namen E-Mails versenden dürfen. Fehlt der Eintrag oder endet er nicht mit einer ablehnenden Regel, können Angreifer leichter Mails mit der Absenderadresse der Verwaltung fälschen. Mehr als zehn DNS-Abfragen machen den Eintrag für Empfänger ungültig.',
      en: 'SPF lets a domain state which servers may send mail in its name. Without a record, or with one that does not end in a rejecting rule, attackers find it easier to forge mail from the administration. More than ten DNS-querying terms make the record invalid for receivers.',
    },
    remediation: {
      de: 'Einen TXT-Eintrag "v=spf1 … -all" veröffentlichen (auch für Domains ohne Mailversand: "v=spf1 -all") und include-Ketten unter zehn Abfragen halten.',
      en: 'Publish a TXT record "v=spf1 … -all" (domains that send no mail: "v=spf1 -all") and keep include chains below ten lookups.',
    },
    reference: `${GSPP} KONF.13.2.1`,
    seeAlso: [`${GSPP} KONF.13.5.1`, 'RFC 7208, 4.6.4', 'RFC 7208, 5.1', 'BSI TR-03182'],
    ratings: [
      'no SPF record, more than one, or a syntax error: fail, medium',
      'does not end in -all or ~all (e.g. +all, ?all, no all and no redirect): fail, medium',
      'more than 10 DNS-querying terms (include, a, mx, ptr, exists, redirect) counted through includes and redirects: fail, medium',
      '~all: pass (KONF.13.5.1 prefers -all; noted in the evidence)',
    ],
    baselineRequirements: ['BB-MWE-03'],
  },
  {
    id: 'mail.dmarc',
    category: 'mail',
    severity: 'medium',
    title: { de: 'DMARC-Richtlinie', en: 'DMARC policy' },
    rationale: {
      de: 'DMARC sagt empfangenden Servern, was mit Mails geschehen soll, deren Absender-Domain nicht durch SPF oder DKIM bestätigt ist. Erst mit p=quarantine oder p=reject werden gefälschte Absender tatsächlich aussortiert; p=none beobachtet nur.',
      en: 'DMARC tells receiving servers what to do with mail whose sender domain is not confirmed by SPF or DKIM. Only p=quarantine or p=reject actually sorts out forged senders; p=none merely observes.',
    },
    remediation: {
      de: 'Unter _dmarc.<domain> "v=DMARC1; p=quarantine; rua=mailto:…" veröffentlichen und nach Auswertung der Berichte auf p=reject gehen.',
      en: 'Publish "v=DMARC1; p=quarantine; rua=mailto:…" at _dmarc.<domain> and move to p=reject after reviewing the reports.',
    },
    reference: `${GSPP} KONF.13.9`,
    seeAlso: ['RFC 7489, 6.3', 'BSI TR-03182'],
    ratings: [
      'no DMARC record at _dmarc.<domain>, several, or p missing/invalid: fail, medium',
      'p=none: fail, low (reports flow, but nothing is enforced)',
      'p=quarantine or p=reject: pass (pct below 100 noted in the evidence)',
    ],
    baselineRequirements: ['BB-MWE-03'],
  },
  {
    id: 'mail.starttls',
    category: 'mail',
    severity: 'high',
    title: { de: 'STARTTLS auf den Mailservern (MX)', en: 'STARTTLS on the mail servers (MX)' },
    rationale: {
      de: 'E-Mails zwischen Mailservern werden nur verschlüsselt übertragen, wenn der empfangende Server STARTTLS anbietet. Fehlt es, gehen alle eingehenden Mails im Klartext über das Internet. Auf der STARTTLS-Verbindung gelten dieselben TLS-Anforderungen wie für Webserver.',
      en: 'Mail between servers is only encrypted if the receiving server offers STARTTLS. Without it, all inbound mail crosses the internet in clear text. The STARTTLS connection must meet the same TLS requirements as a web server.',
    },
    remediation: {
      de: 'STARTTLS auf allen MX-Servern aktivieren, ein gültiges Zertifikat für den MX-Namen einsetzen und TLS nach TR-02102-2 konfigurieren; zusätzlich MTA-STS oder DANE erwägen.',
      en: 'Enable STARTTLS on every MX with a valid certificate for the MX name and TLS configured per TR-02102-2; consider MTA-STS or DANE in addition.',
    },
    reference: `${GSPP} KONF.14.1.1`,
    seeAlso: ['RFC 3207', 'BSI TR-03108-1', `${GSPP} KONF.13.11`, `${TR_02102_2}, 3`],
    ratings: [
      'MX does not offer STARTTLS: fail, high',
      'STARTTLS offered but the TLS handshake fails: fail, high',
      'MX unreachable: error',
      'domain without MX or with a null MX (RFC 7505): not_applicable',
      'the TLS checks (tls.*) run on the STARTTLS session and are reported with service smtp',
    ],
    baselineRequirements: ['BB-MWE-04'],
  },
  {
    id: 'dns.dnssec',
    category: 'dns',
    severity: 'medium',
    title: { de: 'DNSSEC-Signatur der Domain', en: 'DNSSEC signature of the domain' },
    rationale: {
      de: 'DNSSEC schützt DNS-Antworten durch Signaturen vor Fälschung. Ohne DNSSEC können manipulierte Antworten Besucher und Mails unbemerkt auf fremde Server lenken; DANE für Mailserver setzt DNSSEC voraus.',
      en: 'DNSSEC protects DNS answers from forgery with signatures. Without it, spoofed answers can silently divert visitors and mail to foreign servers; DANE for mail servers requires DNSSEC.',
    },
    remediation: {
      de: 'Die Zone beim DNS-Anbieter signieren lassen und den DS-Eintrag bei der Registry hinterlegen.',
      en: 'Have the zone signed by the DNS provider and publish the DS record at the registry.',
    },
    reference: 'RFC 4035, 3.2.3',
    seeAlso: ['RFC 4033', 'RFC 6840, 5.8', 'BSI TR-03108-1', `${GSPP} KONF.13.10`],
    ratings: [
      'validating resolver answers without the AD flag: fail, medium',
      'validating resolver answers SERVFAIL, but with CD set the answer resolves (bogus signatures): fail, high',
      'no validating resolver configured: not_applicable (a plain resolver cannot tell)',
    ],
    baselineRequirements: [],
  },
  {
    id: 'dns.caa',
    category: 'dns',
    severity: 'low',
    title: { de: 'CAA-Eintrag', en: 'CAA record' },
    rationale: {
      de: 'Ein CAA-Eintrag legt fest, welche Zertifizierungsstellen Zertifikate für die Domain ausstellen dürfen. Das erschwert es, bei einer beliebigen CA ein Zertifikat für die Domain zu erschleichen.',
      en: 'A CAA record names the certification authorities allowed to issue certificates for the domain. This makes it harder to obtain a certificate for the domain from an arbitrary CA.',
    },
    remediation: {
      de: 'CAA-Einträge (issue, ggf. issuewild und iodef) für die tatsächlich genutzten CAs veröffentlichen.',
      en: 'Publish CAA records (issue, and issuewild and iodef where useful) for the CAs actually in use.',
    },
    reference: 'RFC 8659, 3',
    seeAlso: ['CA/Browser Forum Baseline Requirements, 3.2.2.8'],
    ratings: ['no CAA record on the domain or any parent below the TLD: fail, low'],
    // BB-MWE-13 asks for protected registrar access, which a missing CAA record does not disprove.
    baselineRequirements: [],
  },
  {
    id: 'exposure.service',
    category: 'exposure',
    severity: 'high',
    title: {
      de: 'Riskante Dienste aus dem Internet erreichbar',
      en: 'Risky services reachable from the internet',
    },
    rationale: {
      de: 'Fernwartung (RDP), Dateifreigaben (SMB), unverschlüsselte Protokolle (Telnet, FTP) und Datenbanken gehören nicht ins Internet: Sie werden ständig automatisiert angegriffen, und eine einzige Schwachstelle oder ein schwaches Passwort genügt für einen Einbruch. Auch Anmeldeseiten von Administrationsoberflächen sollten nur über VPN erreichbar sein.',
      en: 'Remote administration (RDP), file sharing (SMB), clear-text protocols (Telnet, FTP) and databases do not belong on the internet: they are attacked automatically all the time, and one vulnerability or weak password is enough for a breach. Administration login pages, too, should only be reachable via VPN.',
    },
    remediation: {
      de: 'Den Dienst per Firewall aus dem Internet sperren und nur über VPN oder einen Sprungserver zugänglich machen; Telnet/FTP durch SSH/SFTP ersetzen.',
      en: 'Block the service at the firewall and reach it only via VPN or a jump host; replace Telnet/FTP with SSH/SFTP.',
    },
    reference: `${GSPP} ARCH.5.1.1`,
    seeAlso: [`${GSPP} KONF.4.4`, `${GSPP} ARCH.2.2.1`, `${GSPP} BER.5.8`],
    ratings: [
      'RDP (3389), SMB (445), Telnet (23) or a database (MySQL 3306, PostgreSQL 5432, MSSQL 1433, MongoDB 27017, Redis 6379) accepts TCP connections: fail, high',
      'FTP (21) accepts connections: fail, medium',
      'admin UI (8080, 8443, 10000 Webmin, 9090 Cockpit) answers with a login page: fail, medium; open without a login page: noted in the evidence only',
      'connect timeout or refusal: not exposed',
    ],
    // Only the firewall requirement holds for every exposed port; RDP would also contradict
    // BB-NET-08 and Telnet/FTP BB-NET-16, but the check id alone does not say which port failed.
    baselineRequirements: ['BB-NET-04'],
  },
];

export const CHECK_CATALOG: ReadonlyMap<CheckId, CheckDefinition> = new Map(
  definitions.map((d) => [d.id, d]),
);

export function checkDefinition(id: CheckId): CheckDefinition {
  const definition = CHECK_CATALOG.get(id);
  if (!definition) throw new Error(`unknown check id ${id}`);
  return definition;
}

export function listCheckDefinitions(): CheckDefinition[] {
  return [...definitions];
}
