import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, type Page, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { FileUpload, PointerErrors } from '../../ui/FileUpload.tsx';
import { FilteredList, useFilteredList } from '../../ui/FilteredList.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import type { Column } from '../../ui/SortableTable.tsx';
import { ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { TLP_LABELS, TlpBadge } from '../../ui/Tlp.tsx';
import { CertNav } from './CertNav.tsx';
import type { Advisory, ImportResult } from './model.ts';

const PAGE_SIZE = 25;

/** The CERT's advisories: upload a CSAF document (errors by JSON path), list with TLP and search. */
export default function Advisories() {
  const { t } = useTranslation();
  const [result, setResult] = useState<ImportResult | null>(null);
  const list = useFilteredList<Advisory, 'q' | 'tlp'>({
    filters: [
      { kind: 'text', param: 'q', id: 'advisory-q', label: t('cert.search'), hint: t('cert.searchHint') },
      {
        kind: 'select',
        param: 'tlp',
        id: 'advisory-tlp',
        label: 'TLP',
        options: [
          { value: '', label: t('cert.all') },
          ...TLP_LABELS.map((l) => ({ value: l, label: `TLP:${l}` })),
        ],
      },
    ],
    pageSize: PAGE_SIZE,
    load: ({ q, tlp }, paging) =>
      api.get<Page<Advisory>>(
        `/advisories${query({ current: 'true', q: q || undefined, tlp: tlp || undefined, ...paging })}`,
      ),
  });
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
      <FilteredList
        list={list}
        label={t('cert.filters')}
        submitLabel={t('cert.searchButton')}
        columns={columns}
        rowKey={(a) => a.id}
        caption={(count, formatted) => t('cert.caption', { count, formatted })}
        empty={t('cert.none')}
      />
    </>
  );
}
