import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { Loading } from '../../ui/native.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import type { AnswerHistory, HistoryValue } from './model.ts';

/** The changes of one answer and its override, loaded when opened. */
export function AnswerHistoryView({
  assessmentId,
  requirementKey,
}: {
  assessmentId: string;
  requirementKey: string;
}) {
  const { t } = useTranslation();
  const [history, setHistory] = useState<AnswerHistory | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    setLoading(true);
    setProblem(null);
    try {
      setHistory(
        await api.get<AnswerHistory>(
          `/assessments/${assessmentId}/answers/${encodeURIComponent(requirementKey)}/history`,
        ),
      );
    } catch (error) {
      setProblem(error);
    } finally {
      setLoading(false);
    }
  };

  const status = (value: string | null | undefined) =>
    value ? t(`assessment.answer.${value}`) : t('assessment.history.none');
  const describe = (kind: 'answer' | 'override', previous: HistoryValue | null, next: HistoryValue) => {
    const parts: string[] = [];
    if (kind === 'answer') {
      if (previous?.status !== next.status)
        parts.push(
          t('assessment.history.status', { from: status(previous?.status), to: status(next.status) }),
        );
      if ((previous?.justification ?? null) !== (next.justification ?? null))
        parts.push(
          next.justification
            ? t('assessment.history.justification', { text: next.justification })
            : t('assessment.history.justificationRemoved'),
        );
    } else {
      parts.push(
        t('assessment.history.override', {
          from: status(previous?.auditorStatus),
          to: status(next.auditorStatus),
        }),
      );
      if (next.auditorNote) parts.push(t('assessment.history.note', { text: next.auditorNote }));
    }
    return parts.length > 0 ? parts.join(' · ') : t('assessment.history.unchanged');
  };

  return (
    <details
      className="history"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && !history && !loading) void load();
      }}
    >
      <summary>{t('assessment.history.title')}</summary>
      {loading ? <Loading /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      {history ? (
        history.items.length === 0 ? (
          <p className="muted">{t('assessment.history.empty')}</p>
        ) : (
          <ol className="history__list">
            {history.items.map((item) => (
              <li key={item.id}>
                <time dateTime={item.changedAt}>{formatDateTime(item.changedAt)}</time>, {item.changedBy.name}
                : {describe(item.kind, item.previous, item.next)}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </details>
  );
}
