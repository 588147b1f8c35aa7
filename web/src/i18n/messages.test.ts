import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';

type Messages = { [key: string]: string | Messages };

const flatten = (messages: Messages, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.test.ts') ? [path] : [];
  });

describe('message files', () => {
  const german = new Set(flatten(de as Messages));
  const english = new Set(flatten(en as Messages));

  it('have the same keys in German and English', () => {
    expect([...german].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter((k) => !german.has(k))).toEqual([]);
  });

  it('contain every literal key the code asks for', () => {
    const used = new Set<string>();
    for (const file of sources(srcDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g))
        used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const base = (key: string) => german.has(key) || german.has(`${key}_one`) || german.has(`${key}_other`);
    expect([...used].filter((key) => !base(key))).toEqual([]);
  });
});
