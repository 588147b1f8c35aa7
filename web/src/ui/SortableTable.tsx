import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  label: string;
  render(row: T): ReactNode;
  sortable?: boolean;
  numeric?: boolean;
}

export type SortDirection = 'asc' | 'desc';

/**
 * A native data table: caption, column headers with scope, sort buttons that say what they do and
 * `aria-sort` on the sorted column. Scrolls sideways inside its own region on narrow screens.
 */
export function SortableTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  direction,
  onSort,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  sort?: string;
  direction?: SortDirection;
  onSort?(key: string): void;
}) {
  const { t } = useTranslation();
  return (
    // A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <section className="table-scroll" tabIndex={0} aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort === column.key;
              const ariaSort = sorted ? (direction === 'desc' ? 'descending' : 'ascending') : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={ariaSort}
                  className={column.numeric ? 'num' : undefined}
                >
                  {column.sortable && onSort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                      {column.label}
                      <span className="sort-indicator" aria-hidden="true">
                        {sorted ? (direction === 'desc' ? '▼' : '▲') : '↕'}
                      </span>
                      <span className="visually-hidden">
                        {sorted
                          ? direction === 'desc'
                            ? t('table.sortedDesc')
                            : t('table.sortedAsc')
                          : t('table.sortable')}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" className={column.numeric ? 'num' : undefined}>
                    {column.render(row)}
                  </th>
                ) : (
                  <td key={column.key} className={column.numeric ? 'num' : undefined}>
                    {column.render(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
