import { KolButton } from '@public-ui/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import type { Assessment } from '../assessments/model.ts';
import { type MeasurePackage, type MeasurePage, xlsxUrl } from '../measures/model.ts';

/**
 * The measures of a verified or frozen assessment: generate them from the gaps, deliver them as a
 * package version (auditor, ministry), and the versions delivered so far.
 */
export function MeasuresPanel({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const data = useAsync(async () => {
    const [measures, packages] = await Promise.all([
      api.get<MeasurePage>(`/measures?assessmentId=${assessment.id}&limit=1`),
      api.get<{ items: MeasurePackage[] }>(`/measure-packages?assessmentId=${assessment.id}`),
    ]);
    return { count: measures.total, actions: measures.assessmentActions ?? [], packages: packages.items };
  }, [assessment.id]);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  // What this caller may do with the assessment's measures comes from the server (policy + status).
  const actions = data.data?.actions ?? [];
  const canGenerate = actions.includes('generate');
  const canDeliver = actions.includes('deliver');

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      setMessage(await action());
      data.reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const generate = () =>
    act(async () => {
      const result = await api.post<{ created: number; kept: number }>(
        `/assessments/${assessment.id}/measures/generate`,
      );
      return t('auditor.measures.generated', {
        created: formatNumber(result.created),
        kept: formatNumber(result.kept),
      });
    });
  const deliver = () =>
    act(async () => {
      setConfirm(false);
      const delivered = await api.post<MeasurePackage>(`/assessments/${assessment.id}/measure-packages`);
      return t('auditor.measures.delivered', {
        version: delivered.version,
        count: delivered.measureCount,
        formatted: formatNumber(delivered.measureCount),
      });
    });

  const count = data.data?.count ?? 0;
  const packages = data.data?.packages ?? [];
  return (
    <section className="card" aria-labelledby="measures-panel">
      <h2 id="measures-panel">{t('auditor.measures.title')}</h2>
      {message ? <SuccessAlert label={message} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      {data.error ? <ProblemAlert error={data.error} /> : null}
      {data.loading && !data.data ? (
        <Loading />
      ) : (
        <>
          <p>
            {t('auditor.measures.count', { count, formatted: formatNumber(count) })}{' '}
            {count > 0 ? (
              <Link to={`/massnahmen?bewertung=${assessment.id}`}>{t('auditor.measures.open')}</Link>
            ) : null}
          </p>
          <div className="actions">
            {canGenerate ? (
              <KolButton
                _type="button"
                _variant={count === 0 ? 'primary' : 'secondary'}
                _label={t('auditor.measures.generate')}
                _disabled={busy}
                _on={{ onClick: () => void generate() }}
              />
            ) : null}
            {canDeliver && count > 0 ? (
              <KolButton
                _type="button"
                _variant="primary"
                _label={t('auditor.measures.deliver')}
                _disabled={busy}
                _on={{ onClick: () => setConfirm(true) }}
              />
            ) : null}
          </div>
          {packages.length === 0 ? (
            <p className="muted">{t('auditor.measures.noPackages')}</p>
          ) : (
            <ul className="links">
              {packages.map((p) => (
                <li key={p.id}>
                  <Link to={`/massnahmen/pakete/${p.id}`}>
                    {t('measures.packages.version', { version: p.version })}
                  </Link>{' '}
                  <span className="muted">
                    ({formatDateTime(p.deliveredAt)}, {p.deliveredBy ?? '–'},{' '}
                    {t('measures.packages.measureCount', {
                      count: p.measureCount,
                      formatted: formatNumber(p.measureCount),
                    })}
                    )
                  </span>{' '}
                  <a href={xlsxUrl(p.id)} download>
                    {t('measures.packages.xlsx')}
                    <span className="visually-hidden">
                      {' '}
                      {t('measures.packages.version', { version: p.version })}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('auditor.measures.confirmTitle')}
        confirmLabel={t('auditor.measures.confirm')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => void deliver()}
      >
        <p>
          {t('auditor.measures.confirmText', {
            count,
            formatted: formatNumber(count),
            name: assessment.organisationName,
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
