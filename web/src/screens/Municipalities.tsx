import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Organisation, type Page } from '../api.ts';
import { compareText, formatAreaKm2, formatNumber } from '../format.ts';
import { SelectField, TextField } from '../ui/fields.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { Pager } from '../ui/Pager.tsx';
import { type Column, SortableTable, type SortDirection } from '../ui/SortableTable.tsx';
import { Empty, InfoAlert, Loading, ProblemAlert } from '../ui/states.tsx';
import { useAsync } from '../ui/useAsync.ts';

const PAGE_SIZE = 25;
type SortKey = 'name' | 'district' | 'subtype' | 'population' | 'area';
const SORT_KEYS: readonly SortKey[] = ['name', 'district', 'subtype', 'population', 'area'];

interface Row {
  organisation: Organisation;
  districtName: string;
}

/**
 * The state's Kommunen: the Landkreise and kreisfreie Städte (participants in their own right)
 * and the municipalities, with their district. Filter, sort and page live in the URL, so
 * links and the back button keep them. Scores are added once assessments exist.
 */
export default function Municipalities() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const district = params.get('kreis') ?? '';
  const search = params.get('suche') ?? '';
  const sortParam = params.get('sortierung') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'name';
  const direction: SortDirection = params.get('richtung') === 'ab' ? 'desc' : 'asc';
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);

  const data = useAsync(async () => {
    const [municipalities, districts] = await Promise.all([
      api.get<Page<Organisation>>('/organisations?type=municipality&limit=500'),
      api.get<Page<Organisation>>('/organisations?type=district&limit=500'),
    ]);
    return { municipalities: municipalities.items, districts: districts.items };
  }, []);

  const update = (changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace });
  };

  const rows = useMemo<Row[]>(() => {
    if (!data.data) return [];
    const districtNames = new Map(data.data.districts.map((d) => [d.id, d.name]));
    const all: Row[] = [
      ...data.data.districts.map((d) => ({ organisation: d, districtName: d.name })),
      ...data.data.municipalities.map((m) => ({
        organisation: m,
        districtName: (m.parentId && districtNames.get(m.parentId)) || '–',
      })),
    ];
    const needle = search.trim().toLocaleLowerCase();
    const filtered = all.filter(
      (row) =>
        (!district || row.organisation.id === district || row.organisation.parentId === district) &&
        (!needle || row.organisation.name.toLocaleLowerCase().includes(needle)),
    );
    const value = (row: Row): string | number => {
      switch (sort) {
        case 'district':
          return row.districtName;
        case 'subtype':
          return row.organisation.subtype ?? '';
        case 'population':
          return row.organisation.population ?? -1;
        case 'area':
          return row.organisation.areaHa ?? -1;
        default:
          return row.organisation.name;
      }
    };
    const sign = direction === 'desc' ? -1 : 1;
    return filtered.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const primary =
        typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      return primary !== 0 ? sign * primary : compareText(a.organisation.name, b.organisation.name);
    });
  }, [data.data, district, search, sort, direction]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const currentPage = Math.min(page, pages);
  const visible = rows.slice((currentPage - 1) * PAGE_SIZE, currentPage * PAGE_SIZE);

  const districtOptions = [
    { value: '', label: t('municipalities.allDistricts') },
    ...(data.data?.districts ?? [])
      .slice()
      .sort((a, b) => compareText(a.name, b.name))
      .map((d) => ({ value: d.id, label: d.name })),
  ];

  const columns: Column<Row>[] = [
    { key: 'name', label: t('municipalities.name'), sortable: true, render: (r) => r.organisation.name },
    {
      key: 'subtype',
      label: t('municipalities.kind'),
      sortable: true,
      render: (r) => r.organisation.subtype ?? '–',
    },
    { key: 'district', label: t('municipalities.district'), sortable: true, render: (r) => r.districtName },
    {
      key: 'ars',
      label: t('municipalities.ars'),
      render: (r) => <span className="mono">{r.organisation.ars}</span>,
    },
    {
      key: 'population',
      label: t('municipalities.population'),
      sortable: true,
      numeric: true,
      render: (r) => formatNumber(r.organisation.population),
    },
    {
      key: 'area',
      label: t('municipalities.area'),
      sortable: true,
      numeric: true,
      render: (r) => formatAreaKm2(r.organisation.areaHa),
    },
    {
      key: 'score',
      label: t('municipalities.score'),
      render: () => <span className="muted">{t('municipalities.scorePending')}</span>,
    },
  ];

  return (
    <>
      <PageHeading title={t('municipalities.title')} lead={t('municipalities.lead')} />
      <InfoAlert label={t('municipalities.scoresLater')}>
        <p>{t('municipalities.scoresLaterText')}</p>
      </InfoAlert>
      <form className="filters" aria-label={t('municipalities.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          name="kreis"
          label={t('municipalities.filterDistrict')}
          value={district}
          options={districtOptions}
          onChange={(value) => update({ kreis: value, seite: null })}
        />
        <TextField
          name="suche"
          type="search"
          label={t('municipalities.filterName')}
          value={search}
          onChange={(value) => update({ suche: value, seite: null }, true)}
        />
      </form>
      {data.error ? <ProblemAlert error={data.error} /> : null}
      {data.loading && !data.data ? (
        <Loading />
      ) : data.data ? (
        rows.length === 0 ? (
          <Empty>{t('municipalities.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('municipalities.caption', {
                count: rows.length,
                formatted: formatNumber(rows.length),
              })}
              columns={columns}
              rows={visible}
              rowKey={(r) => r.organisation.id}
              sort={sort}
              direction={direction}
              onSort={(key) =>
                update({
                  sortierung: key === 'name' ? null : key,
                  richtung: key === sort && direction === 'asc' ? 'ab' : null,
                  seite: null,
                })
              }
            />
            <Pager
              page={currentPage}
              pageSize={PAGE_SIZE}
              total={rows.length}
              onPage={(p) => update({ seite: p === 1 ? null : String(p) })}
            />
          </>
        )
      ) : null}
    </>
  );
}
