import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { Button, RadioGroup, ScrollRegion, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { TlpBadge } from '../../ui/Tlp.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { fieldErrors } from '../scans/model.ts';
import { STATEMENTS, type Statement, type Warning } from './model.ts';

interface DistributionEntry {
  id: number;
  organisationId: string | null;
  channel: 'platform' | 'email' | 'webhook';
  recipient: string;
  tlp: string;
  event: 'published' | 'delivered' | 'failed';
  detail: string | null;
  occurredAt: string;
}

/** One warning: for the Kommune read, acknowledge, answer, VEX; for the CERT progress and the log. */
export default function WarningDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const warning = useAsync(() => api.get<Warning>(`/warnings/${id}`), [id]);
  const [done, setDone] = useState('');
  if (warning.loading && !warning.data) return <Loading />;
  if (!warning.data) return warning.error ? <ProblemAlert error={warning.error} /> : null;
  const w = warning.data;
  const cert = w.progress !== null;
  return (
    <>
      <nav aria-label={t('warnings.breadcrumb')} className="breadcrumbs">
        <Link to="/warnungen">{t('warnings.pageTitle')}</Link>
      </nav>
      <p>
        <TlpBadge tlp={w.tlp} large />
      </p>
      <PageHeading title={w.title} />
      <p className="muted">{t(`warnings.tlpRule.${w.tlp === 'AMBER+STRICT' ? 'AMBER_STRICT' : w.tlp}`)}</p>
      {done ? <SuccessAlert label={done} /> : null}
      <dl className="facts">
        <dt>{t('warnings.published')}</dt>
        <dd>
          {formatDateTime(w.publishedAt)} ({w.publishedBy})
        </dd>
        <dt>{t('warnings.advisory')}</dt>
        <dd>
          {cert ? <Link to={`/sicherheitshinweise/${w.advisoryId}`}>{w.documentKey}</Link> : w.documentKey}
        </dd>
      </dl>
      {w.message ? <p className="prewrap">{w.message}</p> : null}
      <Matches warning={w} />
      {cert ? (
        <CertView warning={w} />
      ) : (
        <KommuneView
          warning={w}
          onChanged={(m) => {
            setDone(m);
            warning.reload();
          }}
        />
      )}
    </>
  );
}

function Matches({ warning }: { warning: Warning }) {
  const { t } = useTranslation();
  const matches = warning.matches ?? [];
  return (
    <section aria-labelledby="matches-title">
      <h2 id="matches-title">{t('warnings.products')}</h2>
      {matches.length === 0 ? (
        <Empty>{t('warnings.noProducts')}</Empty>
      ) : (
        <ScrollRegion label={t('warnings.products')}>
          <table className="data-table">
            <caption>{t('warnings.products')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('warnings.product')}</th>
                <th scope="col">{t('warnings.kommune')}</th>
                <th scope="col">{t('warnings.version')}</th>
                <th scope="col">{t('warnings.class')}</th>
                <th scope="col">CVE</th>
              </tr>
            </thead>
            <tbody>
              {matches.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {[m.installedProduct.vendor, m.installedProduct.product].filter(Boolean).join(' ')}
                  </th>
                  <td>{m.organisationName}</td>
                  <td>{m.installedVersion ?? '–'}</td>
                  <td>{t(`cert.classes.${m.class}`)}</td>
                  <td>{m.cves.join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function KommuneView({ warning, onChanged }: { warning: Warning; onChanged(m: string): void }) {
  const { t } = useTranslation();
  const mine = warning.recipients[0];
  const [status, setStatus] = useState<Statement | null>(mine?.status ?? null);
  const [note, setNote] = useState(mine?.note ?? '');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  if (!mine) return null;
  const body = { organisationId: mine.organisationId };
  const acknowledge = async () => {
    setError(null);
    try {
      await api.post(`/warnings/${warning.id}/acknowledge`, body);
      onChanged(t('warnings.acknowledgedDone'));
    } catch (caught) {
      setError(caught);
    }
  };
  const respond = async () => {
    if (!status) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setError(null);
    try {
      await api.post(`/warnings/${warning.id}/response`, { ...body, status, ...(note ? { note } : {}) });
      onChanged(t('warnings.responded'));
    } catch (caught) {
      setError(caught);
    }
  };
  const errors = fieldErrors(error);
  return (
    <section className="card" aria-labelledby="response-title">
      <h2 id="response-title">{t('warnings.yourResponse', { name: mine.organisationName })}</h2>
      {error ? <ProblemAlert error={error} /> : null}
      {mine.acknowledgedAt ? (
        <p>{t('warnings.acknowledgedAt', { date: formatDateTime(mine.acknowledgedAt) })}</p>
      ) : (
        <div className="actions">
          <Button variant="primary" onClick={acknowledge}>
            {t('warnings.acknowledge')}
          </Button>
        </div>
      )}
      {mine.status ? (
        <p>
          {t('warnings.statedAs', {
            status: t(`warnings.statements.${mine.status}`),
            date: formatDateTime(mine.respondedAt),
          })}
        </p>
      ) : null}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void respond();
        }}
      >
        <RadioGroup
          id="warning-status"
          legend={t('warnings.statement')}
          value={status}
          choices={STATEMENTS.map((s) => ({ value: s, label: t(`warnings.statements.${s}`) }))}
          error={missing ? t('warnings.chooseStatement') : errors.status}
          onChange={(v) => setStatus(v as Statement)}
          inline={false}
        />
        <TextArea
          id="warning-note"
          label={t('warnings.note')}
          value={note}
          error={errors.note}
          onChange={setNote}
        />
        <Button type="submit" variant="primary">
          {t('warnings.saveResponse')}
        </Button>
      </form>
      {mine.status ? (
        <p className="download-links">
          <a href={`/api/v1/warnings/${warning.id}/vex?organisationId=${mine.organisationId}`} download>
            {t('warnings.downloadVex')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function CertView({ warning }: { warning: Warning }) {
  const { t } = useTranslation();
  const log = useAsync(
    () => api.get<{ items: DistributionEntry[] }>(`/warnings/${warning.id}/distribution`),
    [warning.id],
  );
  const p = warning.progress!;
  return (
    <>
      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('warnings.progress')}</h2>
        <p>
          <label htmlFor="ack-progress">
            {t('warnings.progressLine', {
              acknowledged: formatNumber(p.acknowledged),
              recipients: formatNumber(p.recipients),
              responded: formatNumber(p.responded),
            })}
          </label>{' '}
          <progress id="ack-progress" max={Math.max(1, p.recipients)} value={p.acknowledged} />
        </p>
        <p>
          {t('warnings.statementCounts', {
            affected: formatNumber(p.affected),
            notAffected: formatNumber(p.notAffected),
            mitigated: formatNumber(p.mitigated),
          })}
        </p>
        <ScrollRegion label={t('warnings.recipients')}>
          <table className="data-table">
            <caption>{t('warnings.recipients')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('warnings.kommune')}</th>
                <th scope="col">{t('warnings.acknowledged')}</th>
                <th scope="col">{t('warnings.statement')}</th>
                <th scope="col">{t('warnings.note')}</th>
              </tr>
            </thead>
            <tbody>
              {warning.recipients.map((r) => (
                <tr key={r.organisationId}>
                  <th scope="row">{r.organisationName}</th>
                  <td>{r.acknowledgedAt ? formatDateTime(r.acknowledgedAt) : t('warnings.unread')}</td>
                  <td>{r.status ? t(`warnings.statements.${r.status}`) : '–'}</td>
                  <td>{r.note ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title">{t('warnings.distribution')}</h2>
        {log.error ? <ProblemAlert error={log.error} /> : null}
        {log.data ? (
          <ScrollRegion label={t('warnings.distribution')}>
            <table className="data-table">
              <caption>{t('warnings.distribution')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('warnings.when')}</th>
                  <th scope="col">{t('warnings.channel')}</th>
                  <th scope="col">{t('warnings.recipient')}</th>
                  <th scope="col">{t('warnings.event')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{formatDateTime(e.occurredAt)}</th>
                    <td>{t(`warnings.channels.${e.channel}`)}</td>
                    <td>{e.recipient}</td>
                    <td>
                      {t(`warnings.events.${e.event}`)}
                      {e.detail ? ` (${e.detail})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </section>
    </>
  );
}
