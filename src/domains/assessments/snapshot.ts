/**
 * The self-contained picture of one assessment: what freezing stores (`assessments.snapshot`),
 * what the OSCAL export writes and what comparisons read. Built from live rows for assessments
 * that are not frozen yet, read from the stored snapshot for frozen ones.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AnswerStatus, AssessmentPhase } from '../../platform/db/schema.ts';
import { computeScores, type Scores, type TopicInfo } from './scores.ts';

export const SNAPSHOT_FORMAT = 'bastei-assessment-snapshot';
export const NO_TOPIC: TopicInfo = { key: '-', id: null, title: 'Ohne Thema' };

export interface SnapshotAnswer {
  requirementId: string;
  requirementKey: string;
  title: string;
  topicKey: string;
  status: AnswerStatus;
  justification: string | null;
  responsible: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  auditorStatus: AnswerStatus | null;
  auditorNote: string | null;
  overriddenBy: string | null;
  overriddenAt: string | null;
  effectiveStatus: AnswerStatus;
}

export interface SnapshotEvidence {
  id: string;
  requirementKey: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface SnapshotSample {
  id: string;
  requirementKey: string;
  description: string;
  result: 'passed' | 'failed' | 'inconclusive';
  recordedBy: string | null;
  recordedAt: string;
}

export interface AssessmentSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: 1;
  assessment: {
    id: string;
    organisationId: string;
    organisationName: string;
    ars: string | null;
    title: string;
    phase: AssessmentPhase;
    status: string;
    subset: Record<string, unknown> | null;
    predecessorId: string | null;
    createdAt: string;
    submittedAt: string | null;
    submittedBy: string | null;
    verifiedAt: string | null;
    verifiedBy: string | null;
    frozenAt: string | null;
  };
  catalog: { id: string; key: string; version: string; title: string };
  topics: TopicInfo[];
  answers: SnapshotAnswer[];
  evidence: SnapshotEvidence[];
  samples: SnapshotSample[];
  scores: Scores;
}

export type SnapshotInput = Omit<AssessmentSnapshot, 'format' | 'formatVersion' | 'scores'>;

/** Adds format and scores; topics without answers (outside a subset) are left out. */
export function buildSnapshot(input: SnapshotInput): AssessmentSnapshot {
  const used = new Set(input.answers.map((a) => a.topicKey));
  const topics = [...input.topics, NO_TOPIC].filter((t) => used.has(t.key));
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: 1,
    ...input,
    topics,
    scores: computeScores(topics, input.answers),
  };
}

/** sha256 over the canonical JSON (RFC 8785) of the snapshot. */
export function snapshotHash(snapshot: AssessmentSnapshot): string {
  return createHash('sha256')
    .update(canonicalize(snapshot) ?? '')
    .digest('hex');
}
