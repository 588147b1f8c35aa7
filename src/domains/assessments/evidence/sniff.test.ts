import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleFiles } from '../test-support.ts';
import { extensionMatches, sniffEvidence } from './sniff.ts';

describe('evidence type sniffing', () => {
  it.each([
    ['pdf', sampleFiles.pdf()],
    ['png', sampleFiles.png()],
    ['jpeg', sampleFiles.jpeg()],
    ['text', sampleFiles.text()],
    ['docx', sampleFiles.docx()],
    ['odt', sampleFiles.odt()],
  ])('recognises %s by its bytes', async (kind, bytes) => {
    expect(await sniffEvidence(bytes)).toMatchObject({ ok: true, kind });
  });

  it('recognises a real XLSX written by exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Nachweis').addRow(['Backup', 'wöchentlich']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await sniffEvidence(bytes)).toMatchObject({ ok: true, kind: 'xlsx' });
  });

  it.each([
    ['binary data', sampleFiles.binary()],
    ['a Windows executable', sampleFiles.exe()],
    ['a plain zip archive', sampleFiles.plainZip()],
    ['a macro-enabled Word document', sampleFiles.docm()],
  ])('refuses %s', async (_label, bytes) => {
    expect(await sniffEvidence(bytes)).toMatchObject({ ok: false, reason: 'disallowed-type' });
  });

  it('refuses zip bombs by their real uncompressed size', async () => {
    expect(await sniffEvidence(sampleFiles.zipBomb(25))).toMatchObject({ ok: false, reason: 'zip-bomb' });
    expect(await sniffEvidence(sampleFiles.lyingZip())).toMatchObject({ ok: false, reason: 'zip-bomb' });
    const small = await sniffEvidence(sampleFiles.zipBomb(2), {
      maxUncompressedBytes: 15 * 1024 * 1024,
      maxEntries: 100,
    });
    expect(small).toMatchObject({ ok: false, reason: 'zip-bomb' });
  });

  it('refuses archives with too many entries and broken archives', async () => {
    const many = sampleFiles.zipBomb(0);
    expect(await sniffEvidence(many, { maxUncompressedBytes: 1e9, maxEntries: 0 })).toMatchObject({
      ok: false,
      reason: 'zip-bomb',
    });
    const truncated = sampleFiles.docx().subarray(0, 60);
    expect(await sniffEvidence(truncated)).toMatchObject({ ok: false });
  });

  it('matches extensions to the sniffed kind', () => {
    expect(extensionMatches('pdf', 'Konzept.PDF')).toBe(true);
    expect(extensionMatches('jpeg', 'foto.jpg')).toBe(true);
    expect(extensionMatches('pdf', 'konzept.docx')).toBe(false);
    expect(extensionMatches('text', 'notiz')).toBe(false);
  });
});
