/** Turns a TlsProbeResult into the tls.* check results. Pure: no network. */
import { makeResult, text, worstSeverity } from './result.ts';
import type { TlsProbeResult } from './tls-probe.ts';
import { classifySuite, type SuiteInfo, type TlsVersion } from './tls-suites.ts';
import type { CheckId, CheckResult, CheckSeverity, CheckTarget } from './types.ts';
import { type CertificateInfo, WEAK_SIGNATURE_HASHES } from './x509.ts';

export interface TlsEvaluationContext {
  target: CheckTarget;
  now: Date;
  observedAt: string;
}

const DAY = 24 * 60 * 60 * 1000;
const TLS_CHECKS: readonly CheckId[] = [
  'tls.protocols',
  'tls.ciphers',
  'tls.cert.trust',
  'tls.cert.hostname',
  'tls.cert.expiry',
  'tls.cert.key',
  'tls.cert.signature',
];

const VERSION_LABEL: Record<TlsVersion, string> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

export function evaluateTls(probe: TlsProbeResult, ctx: TlsEvaluationContext): CheckResult[] {
  const observedAt = ctx.observedAt;
  if (!probe.tls) {
    const reason = probe.reachable
      ? `no TLS handshake succeeded (${probe.error ?? 'unknown error'})`
      : `port not reachable (${probe.error ?? 'unknown error'})`;
    return TLS_CHECKS.map((id) =>
      makeResult(
        id,
        ctx.target,
        'not_applicable',
        text('Keine TLS-Verbindung möglich; Prüfung entfällt.', 'No TLS connection possible; check skipped.'),
        { reason },
        { observedAt },
      ),
    );
  }
  return [evaluateProtocols(probe, ctx), evaluateCiphers(probe, ctx), ...evaluateCertificates(probe, ctx)];
}

function evaluateProtocols(probe: TlsProbeResult, ctx: TlsEvaluationContext): CheckResult {
  const versions = Object.keys(probe.protocols) as TlsVersion[];
  const accepted = versions.filter((v) => probe.protocols[v]?.accepted);
  const refused = versions.filter(
    (v) => probe.protocols[v] && !probe.protocols[v]!.accepted && !probe.protocols[v]!.error,
  );
  const undetermined = versions.filter((v) => probe.protocols[v]?.error);
  const enumerated = versions.length === 4;
  const legacy = accepted.filter((v) => v === 'TLSv1' || v === 'TLSv1.1');
  const evidence = {
    accepted: accepted.map((v) => VERSION_LABEL[v]),
    refused: refused.map((v) => VERSION_LABEL[v]),
    undetermined: undetermined.map((v) => ({ version: VERSION_LABEL[v], error: probe.protocols[v]!.error })),
    negotiatedByModernClient: probe.negotiated?.protocol,
    notProbed: probe.notProbed,
    enumerated,
  };
  const opts = { observedAt: ctx.observedAt };
  if (legacy.length > 0) {
    const list = legacy.map((v) => VERSION_LABEL[v]).join(', ');
    return makeResult(
      'tls.protocols',
      ctx.target,
      'fail',
      text(
        `Veraltete Protokollversion(en) angeboten: ${list}.`,
        `Outdated protocol version(s) offered: ${list}.`,
      ),
      evidence,
      { ...opts, severity: 'high' },
    );
  }
  if (!accepted.includes('TLSv1.2') && !accepted.includes('TLSv1.3')) {
    return makeResult(
      'tls.protocols',
      ctx.target,
      'fail',
      text('Weder TLS 1.2 noch TLS 1.3 wird angeboten.', 'Neither TLS 1.2 nor TLS 1.3 is offered.'),
      evidence,
      { ...opts, severity: 'high' },
    );
  }
  if (!enumerated) {
    return makeResult(
      'tls.protocols',
      ctx.target,
      'pass',
      text(
        `Ausgehandelt: ${accepted.map((v) => VERSION_LABEL[v]).join(', ')}; ältere Versionen wurden nicht einzeln geprüft.`,
        `Negotiated: ${accepted.map((v) => VERSION_LABEL[v]).join(', ')}; older versions were not probed one by one.`,
      ),
      evidence,
      opts,
    );
  }
  const list = accepted.map((v) => VERSION_LABEL[v]).join(', ');
  return makeResult(
    'tls.protocols',
    ctx.target,
    'pass',
    text(`Nur zulässige Versionen angeboten: ${list}.`, `Only acceptable versions offered: ${list}.`),
    evidence,
    opts,
  );
}

function evaluateCiphers(probe: TlsProbeResult, ctx: TlsEvaluationContext): CheckResult {
  const opts = { observedAt: ctx.observedAt };
  const names = new Set<string>();
  for (const suite of [...probe.ciphers.tls12, ...probe.ciphers.tls13]) names.add(suite.name);
  // Suites negotiated under a version probe (incl. TLS 1.0/1.1) are accepted suites too.
  for (const outcome of Object.values(probe.protocols))
    if (outcome?.accepted && outcome.cipher) names.add(outcome.cipher);
  if (probe.negotiated) names.add(probe.negotiated.cipher);
  const infos = [...names].map(classifySuite);
  const weak = infos.filter((s) => s.rating === 'weak');
  const noPfs = infos.filter((s) => s.rating === 'no_forward_secrecy');
  const notRecommended = infos.filter((s) => s.rating === 'not_recommended');
  const tls13 = probe.protocols['TLSv1.3']?.accepted === true;
  const preferred = probe.ciphers.tls12Preferred ? classifySuite(probe.ciphers.tls12Preferred) : undefined;
  const anyPfs = infos.some((s) => s.forwardSecrecy);
  const modernClientWithoutPfs =
    !tls13 && ((preferred !== undefined && !preferred.forwardSecrecy) || !anyPfs);
  const brief = (list: SuiteInfo[]) => list.map((s) => ({ name: s.name, reasons: s.reasons }));
  const evidence = {
    enumerated: probe.ciphers.enumerated,
    enumeration: probe.ciphers.enumerated ? probe.ciphers.mode : 'negotiated suites only',
    accepted: {
      tls12: probe.ciphers.tls12.map((s) => (s.ephemeralKey ? `${s.name} (${s.ephemeralKey})` : s.name)),
      tls13: probe.ciphers.tls13.map((s) => s.name),
    },
    weak: brief(weak),
    withoutForwardSecrecy: noPfs.map((s) => s.name),
    notRecommended: brief(notRecommended),
    tls12PreferredByServer: probe.ciphers.tls12Preferred,
    negotiatedByModernClient: probe.negotiated?.cipher,
    untestable: probe.ciphers.untestable,
    errors: probe.ciphers.errors,
    handshakes: probe.ciphers.handshakes,
  };
  if (weak.length > 0) {
    const list = weak.map((s) => s.name).join(', ');
    return makeResult(
      'tls.ciphers',
      ctx.target,
      'fail',
      text(`Unsichere Cipher-Suiten akzeptiert: ${list}.`, `Insecure cipher suites accepted: ${list}.`),
      evidence,
      { ...opts, severity: 'high' },
    );
  }
  if (noPfs.length > 0) {
    const list = noPfs.map((s) => s.name).join(', ');
    return modernClientWithoutPfs
      ? makeResult(
          'tls.ciphers',
          ctx.target,
          'fail',
          text(
            `Aktuelle Clients erhalten eine Suite ohne Forward Secrecy (${preferred?.name ?? list}).`,
            `Current clients get a suite without forward secrecy (${preferred?.name ?? list}).`,
          ),
          evidence,
          { ...opts, severity: 'medium' },
        )
      : makeResult(
          'tls.ciphers',
          ctx.target,
          'fail',
          text(
            `Suiten ohne Forward Secrecy als Rückfall akzeptiert: ${list}.`,
            `Suites without forward secrecy accepted as a fallback: ${list}.`,
          ),
          evidence,
          { ...opts, severity: 'low' },
        );
  }
  if (notRecommended.length > 0) {
    const list = notRecommended.map((s) => s.name).join(', ');
    return makeResult(
      'tls.ciphers',
      ctx.target,
      'warn',
      text(
        `Suiten außerhalb der Empfehlung von TR-02102-2 angeboten: ${list}.`,
        `Suites outside the TR-02102-2 recommendation offered: ${list}.`,
      ),
      evidence,
      { ...opts, severity: 'info' },
    );
  }
  return makeResult(
    'tls.ciphers',
    ctx.target,
    'pass',
    probe.ciphers.enumerated
      ? text(
          'Nur von TR-02102-2 empfohlene Suiten angeboten.',
          'Only suites recommended by TR-02102-2 are offered.',
        )
      : text(
          'Die ausgehandelten Suiten sind von TR-02102-2 empfohlen (Suiten nicht einzeln geprüft).',
          'The negotiated suites are recommended by TR-02102-2 (suites not enumerated).',
        ),
    evidence,
    opts,
  );
}

function certSummary(cert: CertificateInfo) {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    validTo: cert.validTo,
    key: `${cert.keyType}${cert.keyBits ? ` ${cert.keyBits}` : ''}${cert.curve ? ` ${cert.curve}` : ''}`,
    signature: cert.signatureAlgorithm,
    fingerprint256: cert.fingerprint256,
  };
}

function evaluateCertificates(probe: TlsProbeResult, ctx: TlsEvaluationContext): CheckResult[] {
  const opts = { observedAt: ctx.observedAt };
  const leaf = probe.certificates[0];
  if (!leaf) {
    return [
      makeResult(
        'tls.cert.trust',
        ctx.target,
        'fail',
        text('Der Server legt kein Zertifikat vor.', 'The server presents no certificate.'),
        { negotiated: probe.negotiated?.cipher },
        { ...opts, severity: 'high' },
      ),
      ...(['tls.cert.hostname', 'tls.cert.expiry', 'tls.cert.key', 'tls.cert.signature'] as const).map((id) =>
        makeResult(
          id,
          ctx.target,
          'not_applicable',
          text('Kein Zertifikat vorhanden.', 'No certificate presented.'),
          { reason: 'no certificate presented' },
          opts,
        ),
      ),
    ];
  }
  // Leaf and intermediates; a self-signed certificate after the leaf is a root (trust anchor).
  const rated = probe.certificates.filter((c, i) => i === 0 || !c.selfSigned);
  const chain = probe.certificates.map(certSummary);
  return [
    evaluateTrust(probe, ctx, chain),
    evaluateHostname(probe, ctx, leaf),
    evaluateExpiry(rated, ctx),
    evaluateKey(leaf, rated, ctx),
    evaluateSignature(rated, ctx),
  ];
}

function evaluateTrust(probe: TlsProbeResult, ctx: TlsEvaluationContext, chain: unknown[]): CheckResult {
  const trust = probe.trust;
  const evidence = {
    status: trust?.status ?? 'unknown',
    path: trust?.path ?? [],
    anchor: trust?.anchor,
    chain,
  };
  if (trust?.status === 'trusted') {
    return makeResult(
      'tls.cert.trust',
      ctx.target,
      'pass',
      text(
        `Kette endet in vertrauenswürdiger CA (${trust.anchor}).`,
        `Chain ends in a trusted CA (${trust.anchor}).`,
      ),
      evidence,
      { observedAt: ctx.observedAt },
    );
  }
  const reasons: Record<string, [string, string]> = {
    self_signed: [
      'Selbst signiertes Zertifikat ohne vertrauenswürdige CA.',
      'Self-signed certificate, no trusted CA.',
    ],
    unknown_issuer: [
      'Aussteller unbekannt oder Zwischenzertifikat fehlt.',
      'Unknown issuer or missing intermediate certificate.',
    ],
    issuer_not_ca: ['Ein Aussteller in der Kette ist keine CA.', 'An issuer in the chain is not a CA.'],
    chain_too_long: ['Zertifikatskette zu lang.', 'Certificate chain too long.'],
  };
  const [de, en] = reasons[trust?.status ?? 'unknown_issuer'] ?? reasons.unknown_issuer!;
  return makeResult('tls.cert.trust', ctx.target, 'fail', text(de, en), evidence, {
    observedAt: ctx.observedAt,
    severity: 'high',
  });
}

function evaluateHostname(
  probe: TlsProbeResult,
  ctx: TlsEvaluationContext,
  leaf: CertificateInfo,
): CheckResult {
  const name = probe.servername ?? probe.host;
  const evidence = { name, subject: leaf.subject, subjectAltName: leaf.subjectAltName };
  const opts = { observedAt: ctx.observedAt };
  if (probe.hostnameError === null) {
    return makeResult(
      'tls.cert.hostname',
      ctx.target,
      'pass',
      text(`Zertifikat gilt für ${name}.`, `Certificate is valid for ${name}.`),
      evidence,
      opts,
    );
  }
  if (probe.hostnameError === undefined) {
    return makeResult(
      'tls.cert.hostname',
      ctx.target,
      'not_applicable',
      text(
        'Ziel als IP-Adresse angegeben; kein Name zum Abgleich.',
        'Target given as an IP address; no name to match against.',
      ),
      { ...evidence, reason: 'target is an IP address and the certificate has no matching IP entry' },
      opts,
    );
  }
  return makeResult(
    'tls.cert.hostname',
    ctx.target,
    'fail',
    text(`Zertifikat gilt nicht für ${name}.`, `Certificate is not valid for ${name}.`),
    { ...evidence, error: probe.hostnameError },
    { ...opts, severity: 'high' },
  );
}

function evaluateExpiry(rated: CertificateInfo[], ctx: TlsEvaluationContext): CheckResult {
  const now = ctx.now.getTime();
  const items = rated.map((cert, index) => {
    const daysLeft = Math.floor((Date.parse(cert.validTo) - now) / DAY);
    const notYetValid = Date.parse(cert.validFrom) > now;
    let severity: CheckSeverity | undefined;
    if (notYetValid || daysLeft < 0 || Date.parse(cert.validTo) <= now) severity = 'high';
    else if (daysLeft < 14) severity = 'medium';
    else if (daysLeft < 30) severity = 'low';
    return { cert, index, daysLeft, notYetValid, severity };
  });
  const worst = worstSeverity(items.flatMap((i) => (i.severity ? [i.severity] : [])));
  const evidence = {
    certificates: items.map((i) => ({
      position: i.index === 0 ? 'leaf' : `intermediate ${i.index}`,
      subject: i.cert.subject,
      validFrom: i.cert.validFrom,
      validTo: i.cert.validTo,
      daysLeft: i.daysLeft,
      notYetValid: i.notYetValid,
    })),
  };
  const leaf = items[0]!;
  if (!worst) {
    return makeResult(
      'tls.cert.expiry',
      ctx.target,
      'pass',
      text(
        `Gültig bis ${leaf.cert.validTo.slice(0, 10)} (${leaf.daysLeft} Tage).`,
        `Valid until ${leaf.cert.validTo.slice(0, 10)} (${leaf.daysLeft} days).`,
      ),
      evidence,
      { observedAt: ctx.observedAt },
    );
  }
  const bad = items.find((i) => i.severity === worst)!;
  const who =
    bad.index === 0 ? ['Zertifikat', 'Certificate'] : ['Zwischenzertifikat', 'Intermediate certificate'];
  const summary = bad.notYetValid
    ? text(`${who[0]} ist noch nicht gültig.`, `${who[1]} is not yet valid.`)
    : worst === 'high'
      ? text(
          `${who[0]} ist abgelaufen (${bad.cert.validTo.slice(0, 10)}).`,
          `${who[1]} has expired (${bad.cert.validTo.slice(0, 10)}).`,
        )
      : text(`${who[0]} läuft in ${bad.daysLeft} Tagen ab.`, `${who[1]} expires in ${bad.daysLeft} days.`);
  return makeResult('tls.cert.expiry', ctx.target, 'fail', summary, evidence, {
    observedAt: ctx.observedAt,
    severity: worst,
  });
}

function keySeverity(cert: CertificateInfo): CheckSeverity | undefined {
  const bits = cert.keyBits;
  if (bits === null) return undefined;
  if (cert.keyType === 'rsa' || cert.keyType === 'rsa-pss' || cert.keyType === 'dsa') {
    if (bits < 2048) return 'high';
    if (bits < 3000) return 'low';
    return undefined;
  }
  if (cert.keyType === 'ec' && bits < 250) return 'high';
  return undefined;
}

function evaluateKey(
  leaf: CertificateInfo,
  rated: CertificateInfo[],
  ctx: TlsEvaluationContext,
): CheckResult {
  const severity = keySeverity(leaf);
  const key = `${leaf.keyType.toUpperCase()}${leaf.keyBits ? ` ${leaf.keyBits} Bit` : ''}${leaf.curve ? ` (${leaf.curve})` : ''}`;
  const keyEn = key.replace(' Bit', ' bit');
  const evidence = {
    leaf: { keyType: leaf.keyType, keyBits: leaf.keyBits, curve: leaf.curve },
    chain: rated.map((c) => ({ subject: c.subject, keyType: c.keyType, keyBits: c.keyBits, curve: c.curve })),
  };
  if (leaf.keyBits === null) {
    return makeResult(
      'tls.cert.key',
      ctx.target,
      'warn',
      text(`Schlüsseltyp ${leaf.keyType} nicht bewertbar.`, `Key type ${leaf.keyType} cannot be rated.`),
      evidence,
      { observedAt: ctx.observedAt, severity: 'info' },
    );
  }
  if (!severity) {
    return makeResult(
      'tls.cert.key',
      ctx.target,
      'pass',
      text(`Schlüssel ausreichend: ${key}.`, `Key is strong enough: ${keyEn}.`),
      evidence,
      { observedAt: ctx.observedAt },
    );
  }
  const summary =
    severity === 'high'
      ? text(`Schlüssel zu kurz: ${key}.`, `Key too short: ${keyEn}.`)
      : text(
          `Schlüssel unter 3000 Bit (TR-02102 seit 2023): ${key}.`,
          `Key below 3000 bits (TR-02102 since 2023): ${keyEn}.`,
        );
  return makeResult('tls.cert.key', ctx.target, 'fail', summary, evidence, {
    observedAt: ctx.observedAt,
    severity,
  });
}

function evaluateSignature(rated: CertificateInfo[], ctx: TlsEvaluationContext): CheckResult {
  const weak = rated.filter((c) => WEAK_SIGNATURE_HASHES.has(c.signatureHash));
  const evidence = {
    certificates: rated.map((c, i) => ({
      position: i === 0 ? 'leaf' : `intermediate ${i}`,
      subject: c.subject,
      signatureAlgorithm: c.signatureAlgorithm,
      oid: c.signatureOid,
      hash: c.signatureHash,
    })),
  };
  if (weak.length === 0) {
    const algorithms = [...new Set(rated.map((c) => c.signatureAlgorithm))].join(', ');
    return makeResult(
      'tls.cert.signature',
      ctx.target,
      'pass',
      text(`Signaturen: ${algorithms}.`, `Signatures: ${algorithms}.`),
      evidence,
      { observedAt: ctx.observedAt },
    );
  }
  const list = [...new Set(weak.map((c) => c.signatureAlgorithm))].join(', ');
  return makeResult(
    'tls.cert.signature',
    ctx.target,
    'fail',
    text(`Schwacher Signaturalgorithmus: ${list}.`, `Weak signature algorithm: ${list}.`),
    evidence,
    { observedAt: ctx.observedAt, severity: 'high' },
  );
}
