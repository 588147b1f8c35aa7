import type { ScanFormat } from './finding.ts';

/** How many leading bytes `detectFormat` wants to see; less works for most files. */
export const DETECT_BYTES = 64 * 1024;

const GREENBONE_ROOTS = new Set(['report', 'get_reports_response', 'get_results_response']);

/**
 * Guesses the report format from the first bytes of a file (ideally `DETECT_BYTES` of them).
 * Returns undefined when unsure; CSV (testssl.sh `--csvfile`) is not supported and not detected.
 */
export function detectFormat(firstBytes: Uint8Array | string): ScanFormat | undefined {
  const text = (typeof firstBytes === 'string' ? firstBytes : Buffer.from(firstBytes).toString('utf8'))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return detectXml(text);
  if (text.startsWith('{') || text.startsWith('[')) return detectJson(text);
  return undefined;
}

function detectXml(text: string): ScanFormat | undefined {
  // Skip the XML declaration, processing instructions, comments and a DOCTYPE to reach the root.
  let rest = text;
  while (true) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) rest = afterMarker(rest, '?>');
    else if (rest.startsWith('<!--')) rest = afterMarker(rest, '-->');
    else if (/^<!DOCTYPE/i.test(rest)) {
      const doctype = /^<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i.exec(rest);
      rest = doctype ? rest.slice(doctype[0].length) : '';
    } else break;
  }
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
  if (!root) return undefined;
  if (root === 'nmaprun') return 'nmap';
  if (GREENBONE_ROOTS.has(root)) return 'greenbone';
  return undefined;
}

function afterMarker(text: string, marker: string): string {
  const end = text.indexOf(marker);
  return end === -1 ? '' : text.slice(end + marker.length);
}

function has(text: string, key: string): boolean {
  return new RegExp(`"${key}"\\s*:`).test(text);
}

function detectJson(text: string): ScanFormat | undefined {
  if (
    has(text, 'template-id') ||
    has(text, 'templateID') ||
    has(text, 'matched-at') ||
    has(text, 'matcher-status')
  ) {
    return 'nuclei';
  }
  if (has(text, 'scanResult') || has(text, 'Invocation')) return 'testssl';
  if (text.startsWith('[') && has(text, 'id') && has(text, 'severity') && has(text, 'finding'))
    return 'testssl';
  if (has(text, 'verdict') && (has(text, 'tests') || has(text, 'categories') || has(text, 'scoring'))) {
    return 'internetnl';
  }
  return undefined;
}

/** True when the bytes start like XML that declares a DTD subset, external DTD or entities. */
export function looksLikeDtd(firstBytes: Uint8Array | string): boolean {
  const text = typeof firstBytes === 'string' ? firstBytes : Buffer.from(firstBytes).toString('latin1');
  return /<!ENTITY/i.test(text) || /<!DOCTYPE[^>[]*(\[|SYSTEM|PUBLIC)/i.test(text);
}
