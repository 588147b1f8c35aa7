/**
 * The lifecycle rules in one table: which permission and which status each action needs. The
 * service enforces them (`assertAction`) and the presenter derives `allowedActions` from them,
 * so the API never offers what it would refuse.
 */
import type { RequestContext } from '../../platform/context.ts';
import type { AssessmentPhase, AssessmentStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { assertPermitted, type Permission } from '../../platform/policy/policy.ts';
import type { ACTIONS } from './schemas.ts';

export type Action = (typeof ACTIONS)[number];

export const ACTION_RULES: Record<
  Action,
  { permission: Permission; status: AssessmentStatus; what: string }
> = {
  answer: { permission: 'assessment.answer', status: 'draft', what: 'Antworten und Nachweise' },
  submit: { permission: 'assessment.submit', status: 'draft', what: 'Das Einreichen' },
  override: {
    permission: 'assessment.verify',
    status: 'submitted',
    what: 'Eine Abweichung der Prüferin / des Prüfers',
  },
  record_sample: { permission: 'assessment.verify', status: 'submitted', what: 'Eine Stichprobe' },
  verify: { permission: 'assessment.verify', status: 'submitted', what: 'Die Prüfung' },
  freeze: { permission: 'assessment.freeze', status: 'verified', what: 'Das Abschließen' },
  next_phase: { permission: 'assessment.create', status: 'frozen', what: 'Eine neue Phase' },
};

/** Which phase may follow which (a phase never goes back). */
export const NEXT_PHASES: Record<AssessmentPhase, readonly AssessmentPhase[]> = {
  self: ['on_site', 're_assessment'],
  on_site: ['re_assessment'],
  re_assessment: ['re_assessment'],
};

const STATUS_LABEL: Record<AssessmentStatus, string> = {
  draft: 'im Entwurf',
  submitted: 'eingereicht',
  verified: 'geprüft',
  frozen: 'abgeschlossen',
};

export interface ActionTarget {
  status: AssessmentStatus;
  organisation_id: string;
  organisation_ancestor_ids: string[];
}

/** 403 unless the caller holds the action's permission on the Kommune, then 409 unless the status fits. */
export function assertAction(ctx: RequestContext, target: ActionTarget, action: Action): void {
  const rule = ACTION_RULES[action];
  assertPermitted(ctx, rule.permission, {
    id: target.organisation_id,
    ancestor_ids: target.organisation_ancestor_ids,
  });
  if (target.status === rule.status) return;
  throw new AppError('invalid-state-transition', {
    detail: `${rule.what} ist nur möglich, solange die Bewertung ${STATUS_LABEL[rule.status]} ist; sie ist ${STATUS_LABEL[target.status]}.`,
    extensions: { currentStatus: target.status, requiredStatus: rule.status },
  });
}
