import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { type AsyncState, useAsync } from '../../ui/useAsync.ts';
import type { Authorisation } from './model.ts';

/**
 * A list below the chosen Kommune (`/organisations/:id/<path>`); empty while none is chosen,
 * so screens can call it before they know whether a Kommune is set.
 */
export function useKommuneItems<T>(kommune: { id: string } | null, path: string): AsyncState<{ items: T[] }> {
  return useAsync(
    () =>
      kommune
        ? api.get<{ items: T[] }>(`/organisations/${kommune.id}/${path}`)
        : Promise.resolve({ items: [] }),
    [kommune?.id, path],
  );
}

/** A small button in a table row; the row's name follows for screen readers ("Löschen example.de"). */
export function RowButton({
  children,
  name,
  onClick,
  danger,
}: {
  children: ReactNode;
  name: string;
  onClick(): void;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button button--${danger ? 'danger' : 'secondary'} button--small`}
      onClick={onClick}
    >
      {children}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
}

/** Which targets are authorised now: without one, a run (also a scheduled one) is refused. */
export function AuthorisedTargets({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const grants = useKommuneItems<Authorisation>({ id: organisationId }, 'scan-authorisations?status=active');
  if (!grants.data) return null;
  return grants.data.items.length === 0 ? (
    <p>{t('scans.runs.noGrants')}</p>
  ) : (
    <p>
      {t('scans.runs.authorised')}: {grants.data.items.map((g) => g.target).join(', ')}
    </p>
  );
}
