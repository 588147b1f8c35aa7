import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, type Page, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { InputField, SelectInput } from '../../ui/controls.tsx';
import { FileUpload, PointerErrors } from '../../ui/FileUpload.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { TLP_LABELS, TlpBadge } from '../../ui/Tlp.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { CertNav } from './CertNav.tsx';
import type { Advisory, ImportResult } from './model.ts';

const PAGE_SIZE = 25;

/** The CERT's advisories: upload a CSAF document (errors by JSON path), list with TLP and search. */
export default function Advisories() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tlp = params.get('tlp') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [search, setSearch] = useState(q);
  const list = useAsync(
    () =>
      api.get<Page<Advisory>>(
        `/advisories${query({ current: 'true', q: q || undefined, tlp: tlp || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`,
      ),
    [q, tlp, page],
  );
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    next.delete('seite');
    setParams(next);
  };
  const columns: Column<Advisory>[] = [
    {
      key: 'tracking',
      label: t('cert.trackingId'),
      render: (a) => <Link to={`/sicherheitshinweise/${a.id}`}>{a.trackingId}</Link>,
    },
    { key: 'title', label: t('cert.title'), render: (a) => a.title },
    { key: 'tlp', label: 'TLP', render: (a) => <TlpBadge tlp={a.tlp.label} /> },
    { key: 'version', label: t('cert.version'), render: (a) => a.version },
    { key: 'score', label: t('cert.score'), numeric: true, render: (a) => formatNumber(a.maxBaseScore, 1) },
    { key: 'released', label: t('cert.released'), render: (a) => formatDateTime(a.currentReleaseDate) },
  ];
  return (
    <>
      <PageHeading title={t('cert.advisoriesTitle')} lead={t('cert.advisoriesLead')} />
      <CertNav />
      <section className="card" aria-labelledby="csaf-upload">
        <h2 id="csaf-upload">{t('cert.upload')}</h2>
        <FileUpload<ImportResult>
          label={t('cert.csafFile')}
          hint={t('cert.csafHint')}
          accept=".json,application/json"
          buttonLabel={t('cert.uploadButton')}
          path={() => '/advisories'}
          onDone={(r) => {
            setResult(r);
            list.reload();
          }}
          renderErrors={(error) => (
            <>
              <ProblemAlert error={error} />
              {error instanceof ApiError ? (
                <section aria-label={t('cert.validationErrors')}>
                  <PointerErrors errors={error.problem.errors ?? []} />
                </section>
              ) : null}
            </>
          )}
        />
        {result ? (
          <SuccessAlert label={result.created ? t('cert.imported') : t('cert.importedBefore')}>
            <p>
              <Link to={`/sicherheitshinweise/${result.advisory.id}`}>
                {result.advisory.trackingId}: {result.advisory.title}
              </Link>
            </p>
            <p>
              {t('cert.matchCounts', {
                confirmed: formatNumber(result.matches.confirmed),
                probable: formatNumber(result.matches.probable),
                review: formatNumber(result.matches.review),
                organisations: formatNumber(result.matches.organisations),
              })}
            </p>
            {result.warnings.length > 0 ? (
              <>
                <p>{t('cert.validationWarnings')}</p>
                <PointerErrors errors={result.warnings} />
              </>
            ) : null}
          </SuccessAlert>
        ) : null}
      </section>
      <form
        className="filters"
        aria-label={t('cert.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: search.trim() });
        }}
      >
        <InputField
          id="advisory-q"
          label={t('cert.search')}
          hint={t('cert.searchHint')}
          value={search}
          onChange={setSearch}
        />
        <SelectInput
          id="advisory-tlp"
          label="TLP"
          value={tlp}
          options={[
            { value: '', label: t('cert.all') },
            ...TLP_LABELS.map((l) => ({ value: l, label: `TLP:${l}` })),
          ]}
          onChange={(v) => update({ tlp: v })}
        />
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {t('cert.searchButton')}
          </button>
        </div>
      </form>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data ? (
        list.data.items.length === 0 ? (
          <Empty>{t('cert.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('cert.caption', {
                count: list.data.total,
                formatted: formatNumber(list.data.total),
              })}
              columns={columns}
              rows={list.data.items}
              rowKey={(a) => a.id}
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              onPage={(p) => {
                const next = new URLSearchParams(params);
                p === 1 ? next.delete('seite') : next.set('seite', String(p));
                setParams(next);
              }}
            />
          </>
        )
      ) : null}
    </>
  );
}
