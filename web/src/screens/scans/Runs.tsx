import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { Button, InputField, ScrollRegion, SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { ChooseKommune, useScanKommune } from './kommune.tsx';
import { canEdit, fieldErrors, ORG_PARAM, type ScanRun } from './model.ts';
import { AuthorisedTargets, useKommuneItems } from './parts.tsx';
import { ScanNav } from './ScanNav.tsx';

const RUNNING = new Set(['queued', 'running']);

/** Scan runs: start one for an authorised target; the list follows queued and running runs. */
export default function Runs() {
  const { t } = useTranslation();
  const me = useMe();
  const { kommune, picker, link } = useScanKommune();
  const [kind, setKind] = useState<'url' | 'host' | 'domain'>('url');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<unknown>(null);
  const runs = useKommuneItems<ScanRun>(kommune, 'scan-runs?limit=50');
  const busy = (runs.data?.items ?? []).some((r) => RUNNING.has(r.state));
  // Progress by polling while something is queued or running.
  useEffect(() => {
    if (!busy) return;
    const timer = window.setInterval(runs.reload, 3000);
    return () => window.clearInterval(timer);
  }, [busy, runs.reload]);
  if (!kommune) return <ChooseKommune title={t('scans.runs.title')} picker={picker} />;
  const start = async () => {
    setError(null);
    try {
      await api.post(`/organisations/${kommune.id}/scan-runs`, { target: { [kind]: target } });
      setTarget('');
      runs.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const errors = fieldErrors(error);
  return (
    <>
      <PageHeading title={t('scans.runs.title')} lead={t('scans.runs.lead')} />
      <ScanNav />
      {picker}
      {canEdit(me) ? (
        <section className="card" aria-labelledby="run-start">
          <h2 id="run-start">{t('scans.runs.start')}</h2>
          <AuthorisedTargets organisationId={kommune.id} />
          {error ? <ProblemAlert error={error} /> : null}
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void start();
            }}
          >
            <SelectInput
              id="run-kind"
              label={t('scans.runs.targetKind')}
              value={kind}
              options={(['url', 'host', 'domain'] as const).map((k) => ({
                value: k,
                label: t(`scans.runs.kinds.${k}`),
              }))}
              onChange={(v) => setKind(v as 'url' | 'host' | 'domain')}
            />
            <InputField
              id="run-target"
              label={t('scans.runs.target')}
              value={target}
              required
              error={errors[`target.${kind}`] ?? errors.target}
              onChange={setTarget}
            />
            <Button type="submit" variant="primary">
              {t('scans.runs.startButton')}
            </Button>
          </form>
        </section>
      ) : null}
      {runs.error ? <ProblemAlert error={runs.error} /> : null}
      {runs.loading && !runs.data ? (
        <Loading />
      ) : runs.data?.items.length ? (
        <ScrollRegion label={t('scans.runs.title')}>
          <table className="data-table">
            <caption>{t('scans.runs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scans.runs.target')}</th>
                <th scope="col">{t('scans.runs.state')}</th>
                <th scope="col">{t('scans.runs.queued')}</th>
                <th scope="col" className="num">
                  {t('scans.runs.findings')}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={link(`/scans/laeufe/${r.id}`)}>
                      {r.targetHost}
                      {r.targetPort ? `:${r.targetPort}` : ''}
                    </Link>
                  </th>
                  <td>{t(`scans.runs.states.${r.state}`)}</td>
                  <td>{formatDateTime(r.queuedAt)}</td>
                  <td className="num">{formatNumber(r.summary?.findings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <Empty>{t('scans.runs.none')}</Empty>
      )}
      <p role="status" className="visually-hidden">
        {busy ? t('scans.runs.inProgress') : ''}
      </p>
    </>
  );
}

/** One run with its check results; refreshes itself until it is done. */
export function RunDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const run = useAsync(() => api.get<ScanRun>(`/scan-runs/${id}`), [id]);
  const running = run.data ? RUNNING.has(run.data.state) : false;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(run.reload, 2000);
    return () => window.clearInterval(timer);
  }, [running, run.reload]);
  if (run.loading && !run.data) return <Loading />;
  if (!run.data) return run.error ? <ProblemAlert error={run.error} /> : null;
  const r = run.data;
  return (
    <>
      <nav aria-label={t('scans.breadcrumb')} className="breadcrumbs">
        <Link to={`/scans/laeufe${query({ [ORG_PARAM]: r.organisationId })}`}>{t('scans.runs.title')}</Link>
      </nav>
      <PageHeading title={t('scans.runs.detailTitle', { target: r.targetHost })} />
      <p role="status">
        {t('scans.runs.state')}: <strong>{t(`scans.runs.states.${r.state}`)}</strong>
        {r.reason ? ` – ${r.reason}` : ''}
      </p>
      <dl className="facts">
        <dt>{t('scans.runs.queued')}</dt>
        <dd>{formatDateTime(r.queuedAt)}</dd>
        <dt>{t('scans.runs.started')}</dt>
        <dd>{formatDateTime(r.startedAt)}</dd>
        <dt>{t('scans.runs.finished')}</dt>
        <dd>{formatDateTime(r.finishedAt)}</dd>
        <dt>{t('scans.runs.findings')}</dt>
        <dd>{formatNumber(r.summary?.findings)}</dd>
      </dl>
      {r.results?.length ? (
        <ScrollRegion label={t('scans.runs.results')}>
          <table className="data-table">
            <caption>{t('scans.runs.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scans.finding.check')}</th>
                <th scope="col">{t('scans.runs.result')}</th>
                <th scope="col">{t('scans.finding.severity')}</th>
                <th scope="col">{t('scans.runs.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {r.results.map((c, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a check may run on several ports
                <tr key={n}>
                  <th scope="row" className="mono">
                    {c.checkId}
                  </th>
                  <td>{c.status}</td>
                  <td>{c.severity}</td>
                  <td>{i18n.language === 'en' ? c.summary.en : c.summary.de}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </>
  );
}
