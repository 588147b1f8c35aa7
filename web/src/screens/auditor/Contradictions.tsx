import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { useAsync } from '../../ui/useAsync.ts';
import { topicPath } from '../assessments/model.ts';
import './contradictions.css';

/** GET /api/v1/assessments/{id}/scan-contradictions (src/domains/scans/findings/contradictions.ts). */
export interface ContradictionFinding {
  id: string;
  checkId: string;
  title: string;
  description: string | null;
  severity: 'high' | 'medium' | 'low' | 'info';
  host: string;
  port: number | null;
  firstSeen: string;
  lastSeen: string;
}
export interface Contradiction {
  requirementId: string;
  requirementKey: string;
  title: string;
  titleEn: string | null;
  topicKey: string | null;
  answer: 'yes' | 'partial';
  answerBy: 'self' | 'auditor';
  weaker: boolean;
  findings: ContradictionFinding[];
}

/**
 * Contradictions of one assessment, keyed by requirement key. A failed load shows nothing: the
 * flag is a hint for the review, the questions must stay usable without it.
 */
export function useContradictions(assessmentId: string): Map<string, Contradiction> {
  const state = useAsync(
    () =>
      assessmentId
        ? api
            .get<{ items: Contradiction[] }>(`/assessments/${assessmentId}/scan-contradictions`)
            .catch(() => ({ items: [] }))
        : Promise.resolve({ items: [] }),
    [assessmentId],
  );
  const items = state.data?.items ?? [];
  return new Map(items.map((c) => [c.requirementKey, c]));
}

export const questionAnchor = (requirementKey: string) => `frage-${requirementKey}`;

/** At the top of the verification view: how many, with a link to each requirement. */
export function ContradictionSummary({
  assessmentId,
  contradictions,
}: {
  assessmentId: string;
  contradictions: Map<string, Contradiction>;
}) {
  const { t, i18n } = useTranslation();
  if (contradictions.size === 0) return null;
  const english = i18n.language?.startsWith('en');
  return (
    <section
      className="contradiction contradictions-summary"
      role="note"
      aria-labelledby="contradictions-summary-heading"
    >
      <h2 id="contradictions-summary-heading">
        {t('contradictions.summary', { count: contradictions.size, n: formatNumber(contradictions.size) })}
      </h2>
      <p>{t('contradictions.summaryLead')}</p>
      <ul>
        {[...contradictions.values()].map((c) => (
          <li key={c.requirementId}>
            <Link
              to={`${c.topicKey ? topicPath(assessmentId, c.topicKey) : `/bewertungen/${assessmentId}`}#${questionAnchor(c.requirementKey)}`}
            >
              {c.requirementKey}: {english && c.titleEn ? c.titleEn : c.title}
            </Link>{' '}
            (
            {t('contradictions.findingCount', {
              count: c.findings.length,
              n: formatNumber(c.findings.length),
            })}
            {c.weaker ? `, ${t('contradictions.weakerShort')}` : ''})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Beside one requirement: which open findings contradict its answer, each linked. */
export function ContradictionNotice({ contradiction }: { contradiction: Contradiction | undefined }) {
  const { t } = useTranslation();
  if (!contradiction) return null;
  const answer = t(`assessment.answer.${contradiction.answer}`);
  const who =
    contradiction.answerBy === 'auditor' ? t('contradictions.byAuditor') : t('contradictions.bySelf');
  const headingId = `contradiction-${contradiction.requirementKey}`;
  return (
    <div
      className={`contradiction${contradiction.weaker ? ' contradiction--weaker' : ''}`}
      role="note"
      aria-labelledby={headingId}
    >
      <p id={headingId}>
        <span className="contradiction__label">
          {contradiction.weaker ? t('contradictions.labelWeaker') : t('contradictions.label')}
        </span>{' '}
        {t('contradictions.intro')}
      </p>
      <ul>
        {contradiction.findings.map((f) => (
          <li key={f.id}>
            {t('contradictions.finding', {
              date: formatDate(f.lastSeen),
              finding: f.description || f.title,
              severity: t(`scans.severity.${f.severity}`),
              host: f.port ? `${f.host}:${f.port}` : f.host,
              who,
              answer,
            })}{' '}
            <Link to={`/scans/befunde/${f.id}`}>
              {t('contradictions.openFinding', { title: f.title, host: f.host })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
