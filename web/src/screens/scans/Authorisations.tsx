import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { Button, InputField, ScrollRegion, SelectInput, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { ChooseKommune, useScanKommune } from './kommune.tsx';
import { type Authorisation, canEdit, type DomainVerification, fieldErrors, TARGET_KINDS } from './model.ts';
import { RowButton, useKommuneItems } from './parts.tsx';
import { ScanNav } from './ScanNav.tsx';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Scan authorisations (declared by the ISB, with scope and expiry) and DNS TXT domain proofs. */
export default function Authorisations() {
  const { t } = useTranslation();
  const me = useMe();
  const { kommune, picker } = useScanKommune();
  const editable = canEdit(me);
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({
    kind: 'domain' as (typeof TARGET_KINDS)[number],
    target: '',
    ports: '',
    // The end of the chosen day counts; a year less a day keeps that within the one-year limit.
    expiresOn: inDays(364),
    note: '',
  });
  const [domain, setDomain] = useState('');
  const grants = useKommuneItems<Authorisation>(kommune, 'scan-authorisations');
  const proofs = useKommuneItems<DomainVerification>(kommune, 'domain-verifications');
  if (!kommune) return <ChooseKommune title={t('scans.auth.title')} picker={picker} />;
  const run = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await action();
      setDone(message);
      grants.reload();
      proofs.reload();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  const grant = () => {
    const ports = form.ports
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((p) => Number.parseInt(p, 10));
    const expires = new Date(`${form.expiresOn}T23:59:59`);
    return run(
      () =>
        api.post(`/organisations/${kommune.id}/scan-authorisations`, {
          kind: form.kind,
          target: form.target,
          ...(ports.length ? { ports } : {}),
          ...(form.expiresOn && !Number.isNaN(expires.getTime()) ? { expiresAt: expires.toISOString() } : {}),
          ...(form.note ? { note: form.note } : {}),
        }),
      t('scans.auth.granted', { target: form.target }),
    ).then((ok) => ok && setForm({ ...form, target: '', ports: '', note: '' }));
  };
  const errors = fieldErrors(error);
  return (
    <>
      <PageHeading title={t('scans.auth.title')} lead={t('scans.auth.lead')} />
      <ScanNav />
      {picker}
      {done ? <SuccessAlert label={done} /> : null}
      {error ? <ProblemAlert error={error} /> : null}
      <section aria-labelledby="grants-title">
        <h2 id="grants-title">{t('scans.auth.grants')}</h2>
        {grants.error ? <ProblemAlert error={grants.error} /> : null}
        {grants.loading && !grants.data ? (
          <Loading />
        ) : grants.data?.items.length ? (
          <ScrollRegion label={t('scans.auth.grants')}>
            <table className="data-table">
              <caption>{t('scans.auth.grants')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scans.auth.target')}</th>
                  <th scope="col">{t('scans.auth.kind')}</th>
                  <th scope="col">{t('scans.auth.ports')}</th>
                  <th scope="col">{t('scans.auth.method')}</th>
                  <th scope="col">{t('scans.auth.expires')}</th>
                  <th scope="col">{t('scans.auth.status')}</th>
                  {editable ? <th scope="col">{t('scans.assets.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {grants.data.items.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">{g.target}</th>
                    <td>{t(`scans.auth.kinds.${g.kind}`)}</td>
                    <td>{g.ports?.join(', ') ?? t('scans.auth.allPorts')}</td>
                    <td>{t(`scans.auth.methods.${g.method}`)}</td>
                    <td>{formatDateTime(g.expiresAt)}</td>
                    <td>{t(`scans.auth.statuses.${g.status}`)}</td>
                    {editable ? (
                      <td>
                        {g.status === 'active' ? (
                          <RowButton
                            name={g.target}
                            onClick={() =>
                              run(
                                () => api.post(`/scan-authorisations/${g.id}/revoke`, {}),
                                t('scans.auth.revoked', { target: g.target }),
                              )
                            }
                          >
                            {t('scans.auth.revoke')}
                          </RowButton>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : (
          <Empty>{t('scans.auth.none')}</Empty>
        )}
      </section>
      {editable ? (
        <div className="two-columns">
          <section className="card" aria-labelledby="grant-title">
            <h2 id="grant-title">{t('scans.auth.grant')}</h2>
            <form
              className="form"
              onSubmit={(event) => {
                event.preventDefault();
                void grant();
              }}
            >
              <SelectInput
                id="grant-kind"
                label={t('scans.auth.kind')}
                value={form.kind}
                options={TARGET_KINDS.map((k) => ({ value: k, label: t(`scans.auth.kinds.${k}`) }))}
                onChange={(v) => setForm({ ...form, kind: v })}
              />
              <InputField
                id="grant-target"
                label={t('scans.auth.target')}
                hint={t('scans.auth.targetHint')}
                value={form.target}
                required
                error={errors.target}
                onChange={(v) => setForm({ ...form, target: v })}
              />
              <InputField
                id="grant-ports"
                label={t('scans.auth.ports')}
                hint={t('scans.auth.portsHint')}
                value={form.ports}
                error={errors.ports}
                onChange={(v) => setForm({ ...form, ports: v })}
              />
              <InputField
                id="grant-expires"
                type="date"
                label={t('scans.auth.expires')}
                hint={t('scans.auth.expiresHint')}
                value={form.expiresOn}
                error={errors.expiresAt}
                onChange={(v) => setForm({ ...form, expiresOn: v })}
              />
              <TextArea
                id="grant-note"
                label={t('scans.auth.note')}
                value={form.note}
                error={errors.note}
                onChange={(v) => setForm({ ...form, note: v })}
              />
              <Button type="submit" variant="primary">
                {t('scans.auth.grantButton')}
              </Button>
            </form>
          </section>
          <section className="card" aria-labelledby="dns-title">
            <h2 id="dns-title">{t('scans.auth.dns')}</h2>
            <p>{t('scans.auth.dnsLead')}</p>
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                void run(
                  () => api.post(`/organisations/${kommune.id}/domain-verifications`, { domain }),
                  t('scans.auth.tokenCreated', { domain }),
                ).then((ok) => ok && setDomain(''));
              }}
            >
              <InputField
                id="dns-domain"
                label={t('scans.auth.domain')}
                value={domain}
                error={errors.domain}
                onChange={setDomain}
              />
              <Button type="submit">{t('scans.auth.requestToken')}</Button>
            </form>
            {(proofs.data?.items ?? []).map((p) => (
              <article key={p.id} className="card">
                <h3>{p.domain}</h3>
                <p>{t('scans.auth.recordHint')}</p>
                <dl className="facts">
                  <dt>{t('scans.auth.recordName')}</dt>
                  <dd className="mono">{p.record.name}</dd>
                  <dt>{t('scans.auth.recordType')}</dt>
                  <dd className="mono">TXT</dd>
                  <dt>{t('scans.auth.recordValue')}</dt>
                  <dd className="mono hash">{p.record.value}</dd>
                  <dt>{t('scans.auth.status')}</dt>
                  <dd>
                    {t(`scans.auth.proofStatuses.${p.status}`)}
                    {p.validUntil
                      ? ` – ${t('scans.auth.validUntil', { date: formatDate(p.validUntil) })}`
                      : ''}
                  </dd>
                  {p.lastCheckedAt ? (
                    <>
                      <dt>{t('scans.auth.lastCheck')}</dt>
                      <dd>
                        {formatDateTime(p.lastCheckedAt)}:{' '}
                        {p.lastCheckResult ? t(`scans.auth.checkResults.${p.lastCheckResult}`) : ''}
                        {p.lastCheckDetail ? ` (${p.lastCheckDetail})` : ''}
                      </dd>
                    </>
                  ) : null}
                </dl>
                <Button
                  onClick={() =>
                    run(
                      () => api.post(`/domain-verifications/${p.id}/check`, {}),
                      t('scans.auth.checked', { domain: p.domain }),
                    )
                  }
                >
                  {t('scans.auth.check')}
                  <span className="visually-hidden"> {p.domain}</span>
                </Button>
              </article>
            ))}
          </section>
        </div>
      ) : null}
    </>
  );
}
