import { KolButton } from '@public-ui/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import {
  type Assessment,
  type Catalog,
  comparePath,
  listAssessments,
  phasesOf,
  previousPhaseId,
} from './model.ts';

/** The assessments the caller may see, newest first; the ISB starts a self-assessment here. */
export default function AssessmentList() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useAsync(() => listAssessments(), []);
  const own = me.memberships.filter((m) => m.role === 'isb');
  const items = list.data?.items ?? [];
  // Each later phase links to its comparison with the phase before (same Kommune).
  const previous = new Map<string, string>();
  for (const organisationId of new Set(items.map((a) => a.organisationId))) {
    const phases = phasesOf(items, organisationId);
    for (const a of phases) {
      const before = previousPhaseId(a, phases);
      if (before) previous.set(a.id, before);
    }
  }
  const columns: Column<Assessment>[] = [
    {
      key: 'title',
      label: t('assessment.title'),
      render: (a) => <Link to={`/bewertungen/${a.id}`}>{a.title}</Link>,
    },
    { key: 'organisation', label: t('assessment.organisation'), render: (a) => a.organisationName },
    { key: 'phase', label: t('assessment.phaseLabel'), render: (a) => t(`assessment.phase.${a.phase}`) },
    {
      key: 'status',
      label: t('assessment.statusLabel'),
      render: (a) => (
        <span className={`status-badge status-badge--${a.status}`}>{t(`assessment.status.${a.status}`)}</span>
      ),
    },
    {
      key: 'progress',
      label: t('assessment.answered'),
      numeric: true,
      render: (a) =>
        t('assessment.answeredOf', {
          answered: formatNumber(a.progress.answered),
          total: formatNumber(a.progress.total),
        }),
    },
    { key: 'created', label: t('assessment.created'), render: (a) => formatDateTime(a.createdAt) },
    {
      key: 'compare',
      label: t('phases.compareColumn'),
      render: (a) => {
        const before = previous.get(a.id);
        return before ? (
          <Link to={comparePath(a.id, before)}>
            {t('phases.compareLink')}
            <span className="visually-hidden"> ({a.title})</span>
          </Link>
        ) : (
          '–'
        );
      },
    },
  ];
  return (
    <>
      <PageHeading title={t('assessment.listTitle')} lead={t('assessment.listLead')} />
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data ? (
        items.length === 0 ? (
          <Empty>{t('assessment.none')}</Empty>
        ) : (
          <SortableTable
            caption={t('assessment.listCaption', {
              count: items.length,
              formatted: formatNumber(items.length),
            })}
            columns={columns}
            rows={items}
            rowKey={(a) => a.id}
          />
        )
      ) : null}
      {own.map((m) =>
        list.data && !items.some((a) => a.organisationId === m.organisationId && a.status !== 'frozen') ? (
          <StartAssessment
            key={m.id}
            organisationId={m.organisationId}
            organisationName={m.organisationName}
          />
        ) : null,
      )}
    </>
  );
}

/** The ISB starts the self-assessment of their Kommune from a catalog (the built-in one first). */
export function StartAssessment({
  organisationId,
  organisationName,
}: {
  organisationId: string;
  organisationName: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const catalogs = useAsync(() => api.get<Page<Catalog>>('/catalogs?limit=50'), []);
  const [catalogId, setCatalogId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const options = catalogs.data?.items ?? [];
  const chosen = catalogId || options[0]?.id || '';
  const selectId = `catalog-${organisationId}`;

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const created = await api.post<Assessment>('/assessments', { organisationId, catalogId: chosen });
      navigate(`/bewertungen/${created.id}`);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`start-${organisationId}`}>
      <h2 id={`start-${organisationId}`}>{t('assessment.start.title', { name: organisationName })}</h2>
      <p>{t('assessment.start.text')}</p>
      {problem ? <ProblemAlert error={problem} /> : null}
      {catalogs.error ? <ProblemAlert error={catalogs.error} /> : null}
      {options.length > 1 ? (
        <div className="field">
          <label htmlFor={selectId}>{t('assessment.start.catalog')}</label>
          <select id={selectId} value={chosen} onChange={(event) => setCatalogId(event.target.value)}>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.version}, {t('assessment.start.questions', { count: c.requirementCount })})
              </option>
            ))}
          </select>
        </div>
      ) : options[0] ? (
        <p className="muted">
          {options[0].title} ({options[0].version},{' '}
          {t('assessment.start.questions', { count: options[0].requirementCount })})
        </p>
      ) : null}
      <div className="actions">
        <KolButton
          _type="button"
          _variant="primary"
          _label={t('assessment.start.button')}
          _disabled={busy || !chosen}
          _on={{ onClick: () => void start() }}
        />
      </div>
    </section>
  );
}
