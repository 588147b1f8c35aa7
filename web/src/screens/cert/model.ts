import type { Tlp } from '../../ui/Tlp.tsx';

export const CLASSES = ['confirmed', 'probable', 'review'] as const;

export interface Advisory {
  id: string;
  organisationId: string;
  documentKey: string;
  publisherName: string;
  trackingId: string;
  version: string;
  trackingStatus: string;
  currentReleaseDate: string | null;
  title: string;
  tlp: { label: Tlp; source: string };
  cves: string[];
  maxBaseScore: number | null;
  sha256: string;
  isCurrent: boolean;
  importedAt: string;
  importedBy: string;
}

export interface AdvisoryDetail extends Advisory {
  matchSummary:
    | {
        class: (typeof CLASSES)[number];
        reviewDecision: 'confirmed' | 'dismissed' | null;
        matches: number;
        organisations: number;
      }[]
    | null;
  revisions: {
    id: string;
    version: string;
    trackingStatus: string;
    isCurrent: boolean;
    importedAt: string;
  }[];
}

export interface ImportResult {
  created: boolean;
  current: boolean;
  matches: { confirmed: number; probable: number; review: number; organisations: number };
  advisory: Advisory;
  warnings: { pointer: string; message: string }[];
}
