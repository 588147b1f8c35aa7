import { KolPagination } from '@public-ui/react';
import { useTranslation } from 'react-i18next';

/** KoliBri's pagination; it announces "Einträge x bis y von z" itself (live region). Pages count from 1. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <div className="pager">
      <KolPagination
        _label={t('table.pagination')}
        _page={page}
        _pageSize={pageSize}
        _max={total}
        _hasButtons={{ first: true, last: true, next: true, previous: true }}
        _on={{ onClick: (_event: Event, next: number) => onPage(next) }}
      />
    </div>
  );
}
