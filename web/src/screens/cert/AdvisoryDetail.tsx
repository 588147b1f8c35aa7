import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type Organisation, type Page, query } from '../../api.ts';
import { compareText, formatDateTime, formatNumber } from '../../format.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { Button, InputField, RadioGroup, ScrollRegion, SelectInput, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { TLP_LABELS, type Tlp, TlpBadge } from '../../ui/Tlp.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { fieldErrors } from '../scans/model.ts';
import type { Match, Warning } from '../warnings/model.ts';
import { CertNav } from './CertNav.tsx';
import { CLASSES, type AdvisoryDetail as Detail } from './model.ts';

/** One advisory for the CERT: facts, revisions, matched Kommunen by class, publishing a warning. */
export default function AdvisoryDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const matchClass = params.get('klasse') ?? '';
  const advisory = useAsync(() => api.get<Detail>(`/advisories/${id}`), [id]);
  const matches = useAsync(
    () =>
      api.get<Page<Match>>(
        `/advisory-matches${query({ advisoryId: id, class: matchClass || undefined, limit: 200 })}`,
      ),
    [id, matchClass],
  );
  const warnings = useAsync(() => api.get<Page<Warning>>(`/warnings?advisoryId=${id}`), [id]);
  if (advisory.loading && !advisory.data) return <Loading />;
  if (!advisory.data) return advisory.error ? <ProblemAlert error={advisory.error} /> : null;
  const a = advisory.data;
  return (
    <>
      <nav aria-label={t('cert.breadcrumb')} className="breadcrumbs">
        <Link to="/sicherheitshinweise">{t('cert.advisoriesTitle')}</Link>
      </nav>
      <p>
        <TlpBadge tlp={a.tlp.label} large />
      </p>
      <PageHeading title={`${a.trackingId}: ${a.title}`} />
      <CertNav />
      <div className="two-columns">
        <section className="card" aria-labelledby="adv-facts">
          <h2 id="adv-facts">{t('cert.facts')}</h2>
          <dl className="facts">
            <dt>{t('cert.publisher')}</dt>
            <dd>{a.publisherName}</dd>
            <dt>{t('cert.version')}</dt>
            <dd>
              {a.version} ({a.trackingStatus})
            </dd>
            <dt>{t('cert.released')}</dt>
            <dd>{formatDateTime(a.currentReleaseDate)}</dd>
            <dt>CVE</dt>
            <dd>{a.cves.join(', ') || '–'}</dd>
            <dt>{t('cert.score')}</dt>
            <dd>{formatNumber(a.maxBaseScore, 1)}</dd>
            <dt>SHA-256</dt>
            <dd className="mono hash">{a.sha256}</dd>
          </dl>
          <p className="download-links">
            <a href={`/api/v1/advisories/${a.id}/document`} download>
              {t('cert.downloadCsaf')}
            </a>
          </p>
        </section>
        <section className="card" aria-labelledby="adv-revisions">
          <h2 id="adv-revisions">{t('cert.revisions')}</h2>
          <ul>
            {a.revisions.map((r) => (
              <li key={r.id}>
                {r.id === a.id ? (
                  <strong>{r.version}</strong>
                ) : (
                  <Link to={`/sicherheitshinweise/${r.id}`}>{r.version}</Link>
                )}{' '}
                – {r.trackingStatus}, {formatDateTime(r.importedAt)}
                {r.isCurrent ? ` (${t('cert.current')})` : ''}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="adv-matches">
        <h2 id="adv-matches">{t('cert.matched')}</h2>
        {a.matchSummary ? (
          <ul>
            {a.matchSummary.map((s) => (
              <li key={`${s.class}-${s.reviewDecision}`}>
                {t(`cert.classes.${s.class}`)}
                {s.reviewDecision ? ` (${t(`cert.decisions.${s.reviewDecision}`)})` : ''}:{' '}
                {t('cert.summaryLine', {
                  matches: formatNumber(s.matches),
                  organisations: formatNumber(s.organisations),
                })}
              </li>
            ))}
          </ul>
        ) : null}
        <form className="filters" aria-label={t('cert.filters')} onSubmit={(e) => e.preventDefault()}>
          <SelectInput
            id="match-class"
            label={t('cert.class')}
            value={matchClass}
            options={[
              { value: '', label: t('cert.all') },
              ...CLASSES.map((c) => ({ value: c, label: t(`cert.classes.${c}`) })),
            ]}
            onChange={(v) => setParams(v ? { klasse: v } : {})}
          />
        </form>
        {matches.error ? <ProblemAlert error={matches.error} /> : null}
        {matches.data ? <MatchTable matches={matches.data.items} /> : <Loading />}
      </section>
      <Publish advisoryId={a.id} tlp={a.tlp.label} />
      <section aria-labelledby="adv-warnings">
        <h2 id="adv-warnings">{t('cert.warningsOfAdvisory')}</h2>
        {warnings.data && warnings.data.items.length > 0 ? (
          <ul>
            {warnings.data.items.map((w) => (
              <li key={w.id}>
                <Link to={`/warnungen/${w.id}`}>{w.title}</Link> – {formatDateTime(w.publishedAt)}
                {w.progress
                  ? `: ${t('warnings.progressLine', {
                      acknowledged: formatNumber(w.progress.acknowledged),
                      recipients: formatNumber(w.progress.recipients),
                      responded: formatNumber(w.progress.responded),
                    })}`
                  : ''}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('cert.noWarnings')}</Empty>
        )}
      </section>
    </>
  );
}

export function MatchTable({
  matches,
  actions,
}: {
  matches: Match[];
  actions?: (m: Match) => React.ReactNode;
}) {
  const { t } = useTranslation();
  if (matches.length === 0) return <Empty>{t('cert.noMatches')}</Empty>;
  return (
    <ScrollRegion label={t('cert.matchTable')}>
      <table className="data-table">
        <caption>{t('cert.matchTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('warnings.kommune')}</th>
            <th scope="col">{t('warnings.product')}</th>
            <th scope="col">{t('warnings.version')}</th>
            <th scope="col">{t('cert.class')}</th>
            <th scope="col">{t('cert.reasons')}</th>
            {actions ? <th scope="col">{t('cert.decision')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.organisationName}</th>
              <td>{[m.installedProduct.vendor, m.installedProduct.product].filter(Boolean).join(' ')}</td>
              <td>
                {m.installedVersion ?? '–'}
                {m.advisoryVersion ? ` (${t('cert.affected')}: ${m.advisoryVersion})` : ''}
              </td>
              <td>
                {t(`cert.classes.${m.class}`)}
                {m.review ? ` – ${t(`cert.decisions.${m.review.decision}`)}` : ''}
              </td>
              <td>{m.reasons.join('; ') || m.basis}</td>
              {actions ? <td>{actions(m)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

type AudienceKind = 'matched' | 'district' | 'state' | 'organisations';

function Publish({ advisoryId, tlp }: { advisoryId: string; tlp: Tlp }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<AudienceKind>('matched');
  const [classes, setClasses] = useState<string[]>(['confirmed', 'probable']);
  const [district, setDistrict] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [label, setLabel] = useState<Tlp>(tlp);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const organisations = useAsync(() => api.get<Page<Organisation>>('/organisations?limit=500'), []);
  const all = (organisations.data?.items ?? []).slice().sort((x, y) => compareText(x.name, y.name));
  const districts = all.filter((o) => o.type === 'district');
  const kommunen = all.filter((o) => o.type === 'municipality' || o.type === 'district');
  const allowed = TLP_LABELS.slice(TLP_LABELS.indexOf(tlp));
  const publish = async () => {
    setBusy(true);
    setError(null);
    const audience =
      kind === 'matched'
        ? { kind, classes }
        : kind === 'district'
          ? { kind, organisationId: district }
          : kind === 'organisations'
            ? { kind, organisationIds: selected }
            : { kind };
    try {
      const warning = await api.post<Warning>(`/advisories/${advisoryId}/warnings`, {
        audience,
        ...(title ? { title } : {}),
        ...(message ? { message } : {}),
        tlp: label,
      });
      navigate(`/warnungen/${warning.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return (
    <section className="card" aria-labelledby="publish-title">
      <h2 id="publish-title">{t('cert.publish')}</h2>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
      >
        {error ? <ProblemAlert error={error} /> : null}
        <RadioGroup
          id="audience-kind"
          legend={t('cert.audience')}
          value={kind}
          inline={false}
          choices={(['matched', 'district', 'state', 'organisations'] as const).map((k) => ({
            value: k,
            label: t(`cert.audiences.${k}`),
          }))}
          onChange={(v) => setKind(v as AudienceKind)}
        />
        {kind === 'matched' ? (
          <fieldset className="choice-group">
            <legend>{t('cert.classesToInclude')}</legend>
            {CLASSES.map((c) => (
              <Checkbox
                key={c}
                id={`audience-class-${c}`}
                label={t(`cert.classes.${c}`)}
                checked={classes.includes(c)}
                onChange={(on) => setClasses(on ? [...classes, c] : classes.filter((x) => x !== c))}
              />
            ))}
          </fieldset>
        ) : null}
        {kind === 'district' ? (
          <SelectInput
            id="audience-district"
            label={t('cert.district')}
            value={district}
            error={errors['audience.organisationId']}
            options={[
              { value: '', label: t('cert.chooseDistrict') },
              ...districts.map((d) => ({ value: d.id, label: d.name })),
            ]}
            onChange={setDistrict}
          />
        ) : null}
        {kind === 'organisations' ? (
          <div className="field">
            <label htmlFor="audience-organisations">{t('cert.kommunen')}</label>
            <p className="field__hint" id="audience-organisations-hint">
              {t('cert.multiHint')}
            </p>
            <select
              id="audience-organisations"
              multiple
              size={8}
              aria-describedby="audience-organisations-hint"
              value={selected}
              onChange={(e) => setSelected([...e.target.selectedOptions].map((o) => o.value))}
            >
              {kommunen.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <SelectInput
          id="warning-tlp"
          label="TLP"
          hint={t('cert.tlpHint')}
          value={label}
          error={errors.tlp}
          options={allowed.map((l) => ({ value: l, label: `TLP:${l}` }))}
          onChange={(v) => setLabel(v as Tlp)}
        />
        <InputField
          id="warning-title"
          label={t('cert.warningTitle')}
          hint={t('cert.warningTitleHint')}
          value={title}
          error={errors.title}
          onChange={setTitle}
        />
        <TextArea
          id="warning-message"
          label={t('cert.warningMessage')}
          value={message}
          rows={4}
          error={errors.message}
          onChange={setMessage}
        />
        <Button type="submit" variant="primary" busy={busy}>
          {t('cert.publishButton')}
        </Button>
      </form>
    </section>
  );
}
