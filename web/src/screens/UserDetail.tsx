import { KolButton } from '@public-ui/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, api, type Organisation, type Page, type Role, type User } from '../api.ts';
import { useDraft } from '../drafts.ts';
import { compareText, formatDateTime } from '../format.ts';
import { SelectField } from '../ui/fields.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../ui/states.tsx';
import { useAsync } from '../ui/useAsync.ts';
import { AuditorAssignments } from './admin/AuditorAssignments.tsx';

const ROLES: Role[] = ['isb', 'member', 'auditor', 'programme_manager', 'cert', 'observer', 'admin'];
const TYPE_ORDER = ['federal', 'state', 'district', 'municipality', 'provider', 'cert'];

/** Admin: one account with its memberships; add or remove roles, disable or enable. */
export default function UserDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const user = useAsync(() => api.get<User>(`/users/${id}`), [id]);
  const [current, setCurrent] = useState<User | null>(null);
  const [message, setMessage] = useState<string | null>(created ? t('userDetail.created') : null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const shown = current && current.id === id ? current : user.data;

  const act = async (action: () => Promise<User | undefined>, success: string) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      const updated = await action();
      if (updated) setCurrent(updated);
      else setCurrent(await api.get<User>(`/users/${id}`));
      setMessage(success);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  if (user.loading && !shown) {
    return (
      <>
        <PageHeading title={t('userDetail.title')} />
        <Loading />
      </>
    );
  }
  if (!shown) {
    return (
      <>
        <PageHeading title={t('userDetail.title')} />
        <ProblemAlert error={user.error} />
        <p>
          <Link to="/benutzer">{t('userDetail.back')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={shown.displayName} lead={shown.email} />
      <p>
        <Link to="/benutzer">{t('userDetail.back')}</Link>
      </p>
      {message ? <SuccessAlert label={message} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="user-facts">
          <h2 id="user-facts">{t('userDetail.account')}</h2>
          <dl className="facts">
            <dt>{t('users.status')}</dt>
            <dd>
              <span className={shown.disabled ? 'badge badge--off' : 'badge badge--on'}>
                {shown.disabled ? t('users.disabled') : t('users.enabled')}
              </span>
            </dd>
            <dt>{t('home.account.secondFactor')}</dt>
            <dd>{shown.totpEnabled ? t('common.active') : t('common.inactive')}</dd>
            <dt>{t('userCreate.locale')}</dt>
            <dd>{t(`languages.${shown.locale}`)}</dd>
            <dt>{t('users.lastLogin')}</dt>
            <dd>{formatDateTime(shown.lastLoginAt)}</dd>
            <dt>{t('userDetail.createdAt')}</dt>
            <dd>{formatDateTime(shown.createdAt)}</dd>
          </dl>
          <div className="actions">
            {shown.disabled ? (
              <KolButton
                _type="button"
                _variant="primary"
                _label={t('userDetail.enable')}
                _disabled={busy}
                _on={{
                  onClick: () =>
                    act(() => api.post<User>(`/users/${id}/enable`), t('userDetail.enabledMessage')),
                }}
              />
            ) : (
              <KolButton
                _type="button"
                _variant="danger"
                _label={t('userDetail.disable')}
                _disabled={busy}
                _on={{
                  onClick: () =>
                    act(() => api.post<User>(`/users/${id}/disable`), t('userDetail.disabledMessage')),
                }}
              />
            )}
          </div>
        </section>
        <section className="card" aria-labelledby="user-memberships">
          <h2 id="user-memberships">{t('userDetail.memberships')}</h2>
          {shown.memberships.length === 0 ? (
            <Empty>{t('users.noRoles')}</Empty>
          ) : (
            <ul className="memberships">
              {shown.memberships.map((m) => (
                <li key={m.id} className="membership">
                  <span>
                    <strong>{t(`roles.${m.role}`)}</strong>, {m.organisationName}
                  </span>
                  <KolButton
                    _type="button"
                    _variant="secondary"
                    _hideLabel
                    _icons="kolicon-cross"
                    _label={t('userDetail.removeMembership', {
                      role: t(`roles.${m.role}`),
                      organisation: m.organisationName,
                    })}
                    _disabled={busy}
                    _on={{
                      onClick: () =>
                        act(async () => {
                          await api.delete(`/users/${id}/memberships/${m.id}`);
                          return undefined;
                        }, t('userDetail.membershipRemoved')),
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
          <AddMembership
            userId={id}
            busy={busy}
            onAdded={(updated) => {
              setCurrent(updated);
              setProblem(null);
              setMessage(t('userDetail.membershipAdded'));
            }}
          />
        </section>
        {shown.memberships.some((m) => m.role === 'auditor') ? (
          <AuditorAssignments
            user={shown}
            onChanged={(updated) => {
              setCurrent(updated);
              setProblem(null);
              setMessage(t('admin.assignments.saved'));
            }}
          />
        ) : null}
      </div>
    </>
  );
}

function AddMembership({
  userId,
  busy,
  onAdded,
}: {
  userId: string;
  busy: boolean;
  onAdded(user: User): void;
}) {
  const { t } = useTranslation();
  const organisations = useAsync(() => api.get<Page<Organisation>>('/organisations?limit=500'), []);
  const [form, update, clear] = useDraft(`membership-${userId}`, { organisationId: '', role: 'isb' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const options = [
    { value: '', label: t('userDetail.chooseOrganisation') },
    ...(organisations.data?.items ?? [])
      .slice()
      .sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || compareText(a.name, b.name))
      .map((o) => ({ value: o.id, label: `${o.name} (${o.subtype ?? t(`organisationTypes.${o.type}`)})` })),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.organisationId) {
      setErrors({ organisationId: t('validation.chooseOne') });
      return;
    }
    setErrors({});
    setProblem(null);
    setSaving(true);
    try {
      const updated = await api.post<User>(`/users/${userId}/memberships`, {
        organisationId: form.organisationId,
        role: form.role,
      });
      clear();
      onAdded(updated);
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors());
      setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="add-membership">
      <h3 id="add-membership">{t('userDetail.addMembership')}</h3>
      {problem ? <ProblemAlert error={problem} /> : null}
      {organisations.error ? <ProblemAlert error={organisations.error} /> : null}
      <SelectField
        name="organisationId"
        label={t('userDetail.organisation')}
        value={form.organisationId}
        options={options}
        onChange={(organisationId) => update({ organisationId })}
        error={errors.organisationId}
        required
      />
      <SelectField
        name="role"
        label={t('userDetail.role')}
        value={form.role}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        onChange={(role) => update({ role })}
        error={errors.role}
        required
      />
      <div className="actions">
        <KolButton
          _type="submit"
          _variant="primary"
          _label={t('userDetail.addMembershipSubmit')}
          _disabled={busy || saving}
        />
      </div>
    </form>
  );
}
