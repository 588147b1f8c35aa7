import { KolButton } from '@public-ui/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ScrollRegion } from '../../ui/controls.tsx';
import { Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import {
  type Assessment,
  comparePath,
  listAssessments,
  NEXT_PHASES,
  type Phase,
  phasesOf,
  previousPhaseId,
} from './model.ts';

type NextPhase = Exclude<Phase, 'self'>;

/**
 * The phases of the Kommune (self-assessment, on-site, re-assessment) with their status and a
 * comparison with the phase before; on a frozen assessment the start of the next phase, offered
 * only when the server lists `next_phase` among the caller's allowed actions.
 */
export function PhasesPanel({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useAsync(() => listAssessments(a.organisationId), [a.organisationId, a.status]);
  const [confirm, setConfirm] = useState<NextPhase | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const phases = list.data ? phasesOf(list.data.items, a.organisationId) : [];
  // A phase has at most one successor (the API answers 409 otherwise): offer none once it exists.
  const successor = phases.find((p) => p.predecessorId === a.id);
  const nextPhases =
    a.allowedActions.includes('next_phase') && list.data && !successor ? NEXT_PHASES[a.phase] : [];
  const previousId = previousPhaseId(a, phases);

  const start = async (phase: NextPhase) => {
    setConfirm(null);
    setBusy(true);
    setProblem(null);
    try {
      const created = await api.post<Assessment>(`/assessments/${a.id}/next-phase`, { phase });
      navigate(`/bewertungen/${created.id}`);
    } catch (error) {
      setProblem(error);
      list.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="phases-heading">
      <h2 id="phases-heading">{t('phases.title')}</h2>
      {problem ? <ProblemAlert error={problem} /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {phases.length > 0 ? (
        <ScrollRegion label={t('phases.caption', { name: a.organisationName })}>
          <table className="data-table">
            <caption>{t('phases.caption', { name: a.organisationName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.phaseLabel')}</th>
                <th scope="col">{t('assessment.statusLabel')}</th>
                <th scope="col">{t('assessment.created')}</th>
                <th scope="col">{t('assessment.frozen')}</th>
                <th scope="col">{t('phases.compareColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {phases.map((p) => {
                const before = previousPhaseId(p, phases);
                const label = `${t(`assessment.phase.${p.phase}`)}: ${p.title}`;
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.id === a.id ? (
                        <span aria-current="page">
                          {label} <span className="muted">({t('phases.current')})</span>
                        </span>
                      ) : (
                        <Link to={`/bewertungen/${p.id}`}>{label}</Link>
                      )}
                    </th>
                    <td>
                      <span className={`status-badge status-badge--${p.status}`}>
                        {t(`assessment.status.${p.status}`)}
                      </span>
                    </td>
                    <td>{formatDateTime(p.createdAt)}</td>
                    <td>{p.frozenAt ? formatDateTime(p.frozenAt) : '–'}</td>
                    <td>
                      {before ? (
                        <Link to={comparePath(p.id, before)}>
                          {t('phases.compareLink')}
                          <span className="visually-hidden"> ({label})</span>
                        </Link>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {previousId ? (
        <p>
          <Link className="button-link" to={comparePath(a.id, previousId)}>
            {t('phases.comparePrevious')}
          </Link>
        </p>
      ) : null}
      {successor ? (
        <p>
          {t('phases.hasSuccessor')}{' '}
          <Link to={`/bewertungen/${successor.id}`}>
            {t(`assessment.phase.${successor.phase}`)}: {successor.title}
          </Link>
        </p>
      ) : null}
      {nextPhases.length > 0 ? (
        <>
          <p>{t('phases.nextText')}</p>
          <div className="actions">
            {nextPhases.map((phase) => (
              <KolButton
                key={phase}
                _type="button"
                _variant="primary"
                _label={t(`phases.start.${phase}`)}
                _disabled={busy}
                _on={{ onClick: () => setConfirm(phase) }}
              />
            ))}
          </div>
        </>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t('phases.confirmTitle', { phase: t(`assessment.phase.${confirm}`) }) : ''}
        confirmLabel={confirm ? t(`phases.start.${confirm}`) : ''}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && void start(confirm)}
      >
        <p>
          {confirm
            ? t('phases.confirmText', {
                phase: t(`assessment.phase.${confirm}`),
                name: a.organisationName,
                count: a.requirementCount,
              })
            : null}
        </p>
      </ConfirmDialog>
    </section>
  );
}
