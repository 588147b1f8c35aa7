import { KolButton } from '@public-ui/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Page, query, type User } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { TextField } from '../ui/fields.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { Pager } from '../ui/Pager.tsx';
import { type Column, SortableTable } from '../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from '../ui/states.tsx';
import { useAsync } from '../ui/useAsync.ts';

const PAGE_SIZE = 25;

/** Admin: all accounts, searchable by name or e-mail, paged by the server. */
export default function Users() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('suche') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);
  const [draft, setDraft] = useState(q);

  const users = useAsync(
    () =>
      api.get<Page<User>>(
        `/users${query({ q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`,
      ),
    [q, page],
  );

  const columns: Column<User>[] = [
    {
      key: 'name',
      label: t('users.name'),
      render: (u) => <Link to={`/benutzer/${u.id}`}>{u.displayName}</Link>,
    },
    { key: 'email', label: t('users.email'), render: (u) => u.email },
    {
      key: 'roles',
      label: t('users.roles'),
      render: (u) =>
        u.memberships.length === 0 ? (
          <span className="muted">{t('users.noRoles')}</span>
        ) : (
          <ul className="plain">
            {u.memberships.map((m) => (
              <li key={m.id}>
                {t(`roles.${m.role}`)}, {m.organisationName}
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'status',
      label: t('users.status'),
      render: (u) => (
        <span className={u.disabled ? 'badge badge--off' : 'badge badge--on'}>
          {u.disabled ? t('users.disabled') : t('users.enabled')}
        </span>
      ),
    },
    { key: 'lastLogin', label: t('users.lastLogin'), render: (u) => formatDateTime(u.lastLoginAt) },
  ];

  return (
    <>
      <PageHeading title={t('users.title')} />
      <div className="toolbar">
        <form
          className="filters filters--inline"
          aria-label={t('users.search')}
          onSubmit={(event) => {
            event.preventDefault();
            const next = new URLSearchParams();
            if (draft.trim()) next.set('suche', draft.trim());
            setParams(next);
          }}
        >
          <TextField name="suche" type="search" label={t('users.search')} value={draft} onChange={setDraft} />
          <KolButton _type="submit" _variant="secondary" _label={t('common.search')} />
        </form>
        <KolButton
          _type="button"
          _variant="primary"
          _label={t('users.create')}
          _on={{ onClick: () => navigate('/benutzer/neu') }}
        />
      </div>
      {users.error ? <ProblemAlert error={users.error} /> : null}
      {users.loading && !users.data ? (
        <Loading />
      ) : users.data ? (
        users.data.items.length === 0 ? (
          <Empty>{t('users.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('users.caption')}
              columns={columns}
              rows={users.data.items}
              rowKey={(u) => u.id}
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={users.data.total}
              onPage={(p) => {
                const next = new URLSearchParams(params);
                if (p === 1) next.delete('seite');
                else next.set('seite', String(p));
                setParams(next);
              }}
            />
          </>
        )
      ) : null}
    </>
  );
}
