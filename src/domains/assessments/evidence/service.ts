/**
 * Evidence files of an assessment's answers: upload while the assessment is a draft (by those
 * who may answer), list and download for every reader, delete while a draft.
 *
 * An upload is checked completely before anything is written — permission, state, requirement,
 * file name, content type (sniffed), extension, zip bounds — then the bytes are stored
 * content-addressed and the row is inserted with its audit record in one transaction.
 */
import type { ReadStream } from 'node:fs';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { actorUserId, type RequestContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { scopeFor } from '../../../platform/policy/policy.ts';
import { assertAction } from '../lifecycle.ts';
import { presentEvidence } from '../presenter.ts';
import {
  type AssessmentRecord,
  deleteEvidence,
  findAnswersByRef,
  findAssessmentById,
  findEvidence,
  findEvidenceById,
  insertEvidence,
} from '../repository.ts';
import type { EvidenceDto } from '../schemas.ts';
import {
  DEFAULT_ZIP_LIMITS,
  EXTENSIONS,
  extensionMatches,
  extensionOf,
  sniffEvidence,
  type ZipLimits,
} from './sniff.ts';
import { openStoredFile, storeFile } from './storage.ts';

export interface EvidenceStorage {
  filesDir: string;
  zipLimits?: ZipLimits;
}

const readScope = (ctx: RequestContext) => scopeFor(ctx, 'assessment.read');

async function loadForAnswering(ctx: RequestContext, db: Executor, id: string, lock?: 'share') {
  const row = await findAssessmentById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Die Bewertung');
  assertAction(ctx, row, 'answer');
  return row;
}

/** The file name without any path, NFC, without control characters; 400 when unusable. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop()!.normalize('NFC').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  const bad = /[\u0000-\u001f\u007f]/.test(base);
  if (bad || base.length === 0 || base.length > 200 || base.startsWith('.') || !extensionOf(base)) {
    throw new AppError('validation-failed', {
      detail:
        'Der Dateiname ist unbrauchbar (ohne Pfad, Steuerzeichen oder führenden Punkt, mit Endung, höchstens 200 Zeichen).',
      errors: [{ pointer: '/querystring/filename', message: 'ungültiger Dateiname' }],
    });
  }
  return base;
}

const KIND_LABEL: Record<string, string> = {
  pdf: 'PDF',
  png: 'PNG-Bild',
  jpeg: 'JPEG-Bild',
  docx: 'Word-Dokument (DOCX)',
  xlsx: 'Excel-Tabelle (XLSX)',
  odt: 'OpenDocument-Text (ODT)',
  text: 'Text',
};

export async function uploadEvidence(
  ctx: RequestContext,
  input: { assessmentId: string; requirementRef: string; filename: string; bytes: Buffer },
  storage: EvidenceStorage,
): Promise<{ evidence: EvidenceDto; created: boolean }> {
  const row = await loadForAnswering(ctx, ctx.db, input.assessmentId);
  const [answer] = await findAnswersByRef(ctx.db, readScope(ctx), row.id, [input.requirementRef], false);
  if (!answer) {
    throw new AppError('validation-failed', {
      detail: `Die Anforderung „${input.requirementRef}“ gehört nicht zu dieser Bewertung (Katalog ${row.catalog_key} ${row.catalog_version}).`,
      errors: [
        {
          pointer: '/querystring/requirementId',
          message: `unbekannte Anforderung „${input.requirementRef}“`,
        },
      ],
    });
  }
  const name = cleanFileName(input.filename);
  const sniffed = await sniffEvidence(input.bytes, storage.zipLimits ?? DEFAULT_ZIP_LIMITS);
  if (!sniffed.ok) {
    if (sniffed.reason === 'zip-bomb') throw new AppError('payload-too-large', { detail: sniffed.message });
    if (sniffed.reason === 'malformed') {
      throw new AppError('validation-failed', {
        detail: sniffed.message,
        errors: [{ pointer: '/body', message: sniffed.message }],
      });
    }
    throw new AppError('unsupported-media-type', { detail: sniffed.message });
  }
  if (!extensionMatches(sniffed.kind, name)) {
    throw new AppError('validation-failed', {
      detail: `Die Dateiendung .${extensionOf(name)} passt nicht zum Inhalt (${KIND_LABEL[sniffed.kind]}; erwartet: ${EXTENSIONS[sniffed.kind].map((e) => `.${e}`).join(', ')}).`,
      errors: [{ pointer: '/querystring/filename', message: 'Endung passt nicht zum Inhalt' }],
    });
  }
  const sha256 = await storeFile(storage.filesDir, input.bytes);
  return ctx.db.transaction().execute(async (trx) => {
    // Checked again under the lock: the assessment may have been submitted meanwhile.
    const locked = await loadForAnswering(ctx, trx, row.id, 'share');
    const { id, created } = await insertEvidence(trx, {
      organisation_id: locked.organisation_id,
      assessment_id: locked.id,
      requirement_id: answer.requirement_id,
      sha256,
      size: input.bytes.length,
      media_type: sniffed.mediaType,
      original_name: name,
      uploaded_by: actorUserId(ctx.actor),
    });
    const evidence = (await findEvidenceById(trx, readScope(ctx), locked.id, id))!;
    if (created) {
      await recordAudit(ctx, trx, {
        action: 'assessment.evidence.upload',
        resourceType: 'assessment_evidence',
        resourceId: id,
        organisationId: locked.organisation_id,
        after: {
          requirement: answer.requirement_key,
          name,
          sha256,
          size: input.bytes.length,
          mediaType: sniffed.mediaType,
        },
      });
    }
    return { evidence: presentEvidence(evidence), created };
  });
}

async function loadVisible(ctx: RequestContext, id: string): Promise<AssessmentRecord> {
  const row = await findAssessmentById(ctx.db, readScope(ctx), id);
  if (!row) throw notFound('Die Bewertung');
  return row;
}

export async function listEvidence(ctx: RequestContext, id: string, requirementRef?: string) {
  const row = await loadVisible(ctx, id);
  let requirementId: string | undefined;
  if (requirementRef) {
    const [answer] = await findAnswersByRef(ctx.db, readScope(ctx), row.id, [requirementRef], false);
    if (!answer) {
      throw new AppError('validation-failed', {
        detail: `Die Anforderung „${requirementRef}“ gehört nicht zu dieser Bewertung.`,
        errors: [{ pointer: '/querystring/requirementId', message: 'unbekannte Anforderung' }],
      });
    }
    requirementId = answer.requirement_id;
  }
  const rows = await findEvidence(ctx.db, readScope(ctx), row.id, requirementId);
  return { organisationId: row.organisation_id, assessmentId: row.id, items: rows.map(presentEvidence) };
}

/** The file of an evidence row, for download. */
export async function openEvidence(
  ctx: RequestContext,
  id: string,
  evidenceId: string,
  storage: EvidenceStorage,
): Promise<{ evidence: EvidenceDto; stream: ReadStream }> {
  const row = await loadVisible(ctx, id);
  const evidence = await findEvidenceById(ctx.db, readScope(ctx), row.id, evidenceId);
  if (!evidence) throw notFound('Der Nachweis');
  const stream = await openStoredFile(storage.filesDir, evidence.sha256);
  if (!stream) {
    throw new AppError('internal', {
      detail: `Evidence file ${evidence.sha256} is missing from the file store.`,
    });
  }
  return { evidence: presentEvidence(evidence), stream };
}

/** Removes an evidence row from a draft (the stored file stays: other rows may share it). */
export async function removeEvidence(ctx: RequestContext, id: string, evidenceId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForAnswering(ctx, trx, id, 'share');
    const evidence = await findEvidenceById(trx, readScope(ctx), row.id, evidenceId);
    if (!evidence) throw notFound('Der Nachweis');
    await deleteEvidence(trx, evidence.id);
    await recordAudit(ctx, trx, {
      action: 'assessment.evidence.delete',
      resourceType: 'assessment_evidence',
      resourceId: evidence.id,
      organisationId: row.organisation_id,
      before: {
        requirement: evidence.requirement_key,
        name: evidence.original_name,
        sha256: evidence.sha256,
      },
    });
  });
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266/8187). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
