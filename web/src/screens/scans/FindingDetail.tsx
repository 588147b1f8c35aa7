import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { Button, InputField, ScrollRegion, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { useOrgLink } from './kommune.tsx';
import { canEdit, type FindingDetail as Detail, fieldErrors } from './model.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** One finding: what, where, history; the ISB accepts the risk (reason, expiry) or reopens it. */
export default function FindingDetail() {
  const { t } = useTranslation();
  const me = useMe();
  const link = useOrgLink();
  const { id = '' } = useParams();
  const finding = useAsync(() => api.get<Detail>(`/scan-findings/${id}`), [id]);
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState(() => inDays(180));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  if (finding.loading && !finding.data) return <Loading />;
  if (!finding.data) return finding.error ? <ProblemAlert error={finding.error} /> : null;
  const f = finding.data;
  const act = async (path: string, body: unknown, message: string) => {
    setError(null);
    try {
      await api.post(`/scan-findings/${f.id}/${path}`, body);
      setDone(message);
      setReason('');
      finding.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const errors = fieldErrors(error);
  return (
    <>
      <nav aria-label={t('scans.breadcrumb')} className="breadcrumbs">
        <Link to={link('/scans/befunde')}>{t('scans.findingsTitle')}</Link>
      </nav>
      <PageHeading title={f.title} />
      {done ? <SuccessAlert label={done} /> : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="finding-facts">
          <h2 id="finding-facts">{t('scans.finding.facts')}</h2>
          <dl className="facts">
            <dt>{t('scans.finding.severity')}</dt>
            <dd className={`severity severity--${f.severity}`}>{t(`scans.severity.${f.severity}`)}</dd>
            <dt>{t('scans.finding.state')}</dt>
            <dd>{t(`scans.states.${f.state}`)}</dd>
            <dt>{t('scans.finding.host')}</dt>
            <dd>
              {f.host}
              {f.port ? `:${f.port}/${f.protocol ?? ''}` : ''}
            </dd>
            <dt>{t('scans.source')}</dt>
            <dd>{t(`scans.sources.${f.source}`)}</dd>
            <dt>{t('scans.finding.check')}</dt>
            <dd className="mono">{f.checkId ?? f.vulnerabilityId ?? '–'}</dd>
            <dt>CVE</dt>
            <dd>{f.cves.join(', ') || '–'}</dd>
            <dt>CVSS</dt>
            <dd>{formatNumber(f.cvss.score, 1)}</dd>
            <dt>{t('scans.finding.firstSeen')}</dt>
            <dd>{formatDateTime(f.firstSeen)}</dd>
            <dt>{t('scans.finding.lastSeen')}</dt>
            <dd>{formatDateTime(f.lastSeen)}</dd>
            {f.acceptance ? (
              <>
                <dt>{t('scans.finding.acceptance')}</dt>
                <dd>
                  {f.acceptance.reason} –{' '}
                  {t('scans.finding.until', { date: formatDate(f.acceptance.expiresAt) })}
                  {f.acceptance.expired ? ` (${t('scans.finding.expired')})` : ''}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="finding-text">
          <h2 id="finding-text">{t('scans.finding.description')}</h2>
          <p className="prewrap">{f.description ?? '–'}</p>
          {f.solution ? (
            <>
              <h3>{t('scans.finding.solution')}</h3>
              <p className="prewrap">{f.solution}</p>
            </>
          ) : null}
          {f.evidence ? (
            <>
              <h3>{t('scans.finding.evidence')}</h3>
              <pre className="prewrap mono">{f.evidence}</pre>
            </>
          ) : null}
          {f.measures.length > 0 ? (
            <>
              <h3>{t('scans.finding.measures')}</h3>
              <ul>
                {f.measures.map((m) => (
                  <li key={m.id}>
                    <Link to={`/massnahmen/${m.id}`}>{m.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      {canEdit(me) ? (
        <section className="card" aria-labelledby="finding-decide">
          <h2 id="finding-decide">
            {f.state === 'open' ? t('scans.finding.accept') : t('scans.finding.reopen')}
          </h2>
          {error ? <ProblemAlert error={error} /> : null}
          {f.state === 'open' ? (
            <form
              className="form"
              onSubmit={(event) => {
                event.preventDefault();
                void act('accept', { reason, expiresOn }, t('scans.finding.acceptedDone'));
              }}
            >
              <TextArea
                id="accept-reason"
                label={t('scans.finding.reason')}
                hint={t('scans.finding.acceptHint')}
                value={reason}
                required
                error={errors.reason}
                onChange={setReason}
              />
              <InputField
                id="accept-expires"
                type="date"
                label={t('scans.finding.expiresOn')}
                hint={t('scans.finding.expiresHint')}
                value={expiresOn}
                error={errors.expiresOn}
                onChange={setExpiresOn}
              />
              <Button type="submit" variant="primary">
                {t('scans.finding.acceptButton')}
              </Button>
            </form>
          ) : f.state === 'accepted' ? (
            <form
              className="form"
              onSubmit={(event) => {
                event.preventDefault();
                void act('reopen', { reason }, t('scans.finding.reopenedDone'));
              }}
            >
              <TextArea
                id="reopen-reason"
                label={t('scans.finding.reason')}
                value={reason}
                required
                error={errors.reason}
                onChange={setReason}
              />
              <Button type="submit">{t('scans.finding.reopenButton')}</Button>
            </form>
          ) : (
            <p>{t('scans.finding.fixedAt', { date: formatDateTime(f.fixedAt) })}</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="finding-history">
        <h2 id="finding-history">{t('scans.finding.history')}</h2>
        <ScrollRegion label={t('scans.finding.history')}>
          <table className="data-table">
            <caption>{t('scans.finding.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scans.finding.when')}</th>
                <th scope="col">{t('scans.finding.change')}</th>
                <th scope="col">{t('scans.finding.by')}</th>
                <th scope="col">{t('scans.finding.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {f.history.map((h, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id
                <tr key={n}>
                  <th scope="row">{formatDateTime(h.changedAt)}</th>
                  <td>
                    {h.fromState ? `${t(`scans.states.${h.fromState}`)} → ` : ''}
                    {t(`scans.states.${h.toState}`)}
                    {h.acceptedUntil
                      ? ` (${t('scans.finding.until', { date: formatDate(h.acceptedUntil) })})`
                      : ''}
                  </td>
                  <td>{h.importLabel ?? h.changedBy}</td>
                  <td>{h.reason ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </>
  );
}
