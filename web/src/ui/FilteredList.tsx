import { type DependencyList, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format.ts';
import { type Choice, InputField, SelectInput } from './controls.tsx';
import { Pager } from './Pager.tsx';
import { type Column, SortableTable } from './SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from './states.tsx';
import { type AsyncState, useAsync } from './useAsync.ts';
import { pageParam, useQueryParams } from './useQueryParams.ts';

/** A choice from a fixed list; applied at once. */
export interface SelectFilter<K extends string> {
  kind: 'select';
  param: K;
  id: string;
  label: string;
  hint?: string;
  options: readonly Choice<string>[];
}

/** Free text; applied on Enter (or the submit button), so typing is no step in the history. */
export interface TextFilter<K extends string> {
  kind: 'text';
  param: K;
  id: string;
  label: string;
  hint?: string;
}

export type Filter<K extends string> = SelectFilter<K> | TextFilter<K>;

export interface ListPage<T> {
  items: T[];
  total: number;
}

/** The page of the list lives in `seite`; every filter change starts again at page 1. */
export const PAGE_PARAM = 'seite';

export interface FilteredListState<T, K extends string> {
  filters: readonly Filter<K>[];
  values: Record<K, string>;
  page: number;
  pageSize: number;
  data: AsyncState<ListPage<T>>;
  reload(): void;
  setFilters(changes: Partial<Record<K, string>>): void;
  setPage(page: number): void;
}

/**
 * Filters, page and data of a list screen, all kept in the URL query (deep links and the back
 * button restore them). `load` gets the filter values ('' for unset) and limit/offset; `deps`
 * names what else the request depends on (e.g. the chosen Kommune).
 */
export function useFilteredList<T, K extends string>({
  filters,
  pageSize,
  load,
  deps = [],
}: {
  filters: readonly Filter<K>[];
  pageSize: number;
  load(values: Record<K, string>, paging: { limit: number; offset: number }): Promise<ListPage<T>>;
  deps?: DependencyList;
}): FilteredListState<T, K> {
  const { params, update } = useQueryParams();
  const values = Object.fromEntries(filters.map((f) => [f.param, params.get(f.param) ?? ''])) as Record<
    K,
    string
  >;
  const page = pageParam(params.get(PAGE_PARAM));
  const data = useAsync(
    () => load(values, { limit: pageSize, offset: (page - 1) * pageSize }),
    [...filters.map((f) => values[f.param]), page, ...deps],
  );
  return {
    filters,
    values,
    page,
    pageSize,
    data,
    reload: data.reload,
    setFilters: (changes) => update({ ...changes, [PAGE_PARAM]: null }),
    setPage: (next) => update({ [PAGE_PARAM]: next === 1 ? null : String(next) }),
  };
}

/**
 * The block every list screen shares: a labelled filter form, problem/loading/empty states, the
 * table with its caption and the pager. Result counts are also announced politely, because a
 * changed filter otherwise replaces the table without a word to screen reader users.
 */
export function FilteredList<T, K extends string>({
  list,
  label,
  submitLabel,
  columns,
  rowKey,
  caption,
  empty,
}: {
  list: FilteredListState<T, K>;
  /** Accessible name of the filter form. */
  label: string;
  /** A visible submit button for the text filters; without it Enter applies them. */
  submitLabel?: string;
  columns: Column<T>[];
  rowKey(row: T): string;
  caption(total: number, formatted: string): string;
  empty: string;
}) {
  const { t } = useTranslation();
  const { data } = list;
  return (
    <>
      {list.filters.length > 0 ? <FilterForm list={list} label={label} submitLabel={submitLabel} /> : null}
      {data.error ? <ProblemAlert error={data.error} /> : null}
      {data.loading && !data.data ? (
        <Loading />
      ) : data.data ? (
        data.data.items.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <>
            <SortableTable
              caption={caption(data.data.total, formatNumber(data.data.total))}
              columns={columns}
              rows={data.data.items}
              rowKey={rowKey}
            />
            <Pager page={list.page} pageSize={list.pageSize} total={data.data.total} onPage={list.setPage} />
          </>
        )
      ) : null}
      <p role="status" className="visually-hidden">
        {data.data && !data.loading
          ? t('table.results', { count: data.data.total, formatted: formatNumber(data.data.total) })
          : ''}
      </p>
    </>
  );
}

function FilterForm<T, K extends string>({
  list,
  label,
  submitLabel,
}: {
  list: FilteredListState<T, K>;
  label: string;
  submitLabel?: string | undefined;
}) {
  const texts = list.filters.filter((f): f is TextFilter<K> => f.kind === 'text');
  const urlTexts = texts.map((f) => list.values[f.param]).join('\u0000');
  const [typed, setTyped] = useState<Partial<Record<K, string>>>({});
  // Back button or a link changed the query: the fields show what the list is filtered by.
  // biome-ignore lint/correctness/useExhaustiveDependencies: urlTexts stands for the text values
  useEffect(() => setTyped({}), [urlTexts]);
  const textValue = (param: K) => typed[param] ?? list.values[param];
  return (
    <form
      className="filters"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        if (texts.length === 0) return;
        list.setFilters(
          Object.fromEntries(texts.map((f) => [f.param, textValue(f.param).trim()])) as Partial<
            Record<K, string>
          >,
        );
      }}
    >
      {list.filters.map((filter) =>
        filter.kind === 'select' ? (
          <SelectInput
            key={filter.param}
            id={filter.id}
            label={filter.label}
            hint={filter.hint}
            value={list.values[filter.param]}
            options={filter.options}
            onChange={(value) => list.setFilters({ [filter.param]: value } as Partial<Record<K, string>>)}
          />
        ) : (
          <InputField
            key={filter.param}
            id={filter.id}
            label={filter.label}
            hint={filter.hint}
            value={textValue(filter.param)}
            onChange={(value) => setTyped((current) => ({ ...current, [filter.param]: value }))}
          />
        ),
      )}
      {submitLabel ? (
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {submitLabel}
          </button>
        </div>
      ) : null}
    </form>
  );
}
