import type { Tlp } from '../../ui/Tlp.tsx';

export const STATEMENTS = ['affected', 'not_affected', 'mitigated'] as const;
export type Statement = (typeof STATEMENTS)[number];

export interface Recipient {
  organisationId: string;
  organisationName: string;
  acknowledgedAt: string | null;
  status: Statement | null;
  note: string | null;
  respondedAt: string | null;
}

export interface Progress {
  recipients: number;
  acknowledged: number;
  responded: number;
  affected: number;
  notAffected: number;
  mitigated: number;
}

export interface Match {
  id: string;
  advisoryId: string;
  organisationId: string;
  organisationName: string;
  installedProduct: { vendor: string | null; product: string };
  productId: string;
  class: 'confirmed' | 'probable' | 'review';
  basis: string;
  reasons: string[];
  installedVersion: string | null;
  advisoryVersion: string | null;
  cves: string[];
  maxBaseScore: number | null;
  review: { decision: 'confirmed' | 'dismissed'; note: string | null; reviewedAt: string } | null;
}

export interface Warning {
  id: string;
  organisationId: string;
  advisoryId: string;
  documentKey: string;
  title: string;
  message: string | null;
  tlp: Tlp;
  audience: Record<string, unknown>;
  publishedAt: string;
  publishedBy: string;
  recipients: Recipient[];
  progress: Progress | null;
  matches?: Match[];
}
