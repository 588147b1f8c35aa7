/**
 * Municipality register: pure parsers for the Destatis GV100AD file and the derived CSV layouts.
 * See README.md for the rules that turn the register into organisations-tree units.
 */
import { parseRegisterCsv } from './csv-layouts.ts';
import { looksLikeGv100ad, parseGv100ad } from './gv100ad.ts';
import { RegisterParseError, type RegisterParseOptions, type RegisterParseResult } from './register.ts';

export { CSV_LAYOUTS, parseRegisterCsv } from './csv-layouts.ts';
export { GV100AD_FIELDS, Gv100adReader, parseGv100ad } from './gv100ad.ts';
export * from './register.ts';

/** Strict UTF-8 decoding; a bad byte sequence is reported with its line and character column. */
export function decodeRegisterText(input: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(input);
    const at = lossy.indexOf('\uFFFD');
    const before = lossy.slice(0, Math.max(at, 0));
    const line = before.split('\n').length;
    const column = Math.max(1, at - (before.lastIndexOf('\n') + 1) + 1);
    throw new RegisterParseError(line, column, 'not valid UTF-8 (convert the file to UTF-8 first)');
  }
}

/**
 * Parses a register file of any supported format: GV100AD (first line starts with a Satzart and a
 * Gebietsstand) or one of the derived CSV layouts (detected by header). Units come sorted parents
 * first. Any bad record throws {@link RegisterParseError}; nothing is returned then.
 */
export function parseRegisterFile(
  input: Uint8Array | string,
  options: RegisterParseOptions = {},
): RegisterParseResult {
  const text = typeof input === 'string' ? input : decodeRegisterText(input);
  return looksLikeGv100ad(text) ? parseGv100ad(text, options) : parseRegisterCsv(text, options);
}
