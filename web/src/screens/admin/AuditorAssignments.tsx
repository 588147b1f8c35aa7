import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Organisation, type Page, type User } from '../../api.ts';
import { compareText } from '../../format.ts';
import { Button, SelectInput } from '../../ui/controls.tsx';
import { Empty, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';

/**
 * Admin, on an auditor's account: the Kommunen assigned to them (an auditor sees nothing else),
 * add and remove. Shown only for users with an auditor membership.
 */
export function AuditorAssignments({ user, onChanged }: { user: User; onChanged(user: User): void }) {
  const { t } = useTranslation();
  const kommunen = useAsync(async () => {
    const [municipalities, districts] = await Promise.all([
      api.get<Page<Organisation>>('/organisations?type=municipality&limit=500'),
      api.get<Page<Organisation>>('/organisations?type=district&limit=500'),
    ]);
    return [...districts.items, ...municipalities.items].sort((a, b) => compareText(a.name, b.name));
  }, []);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const names = new Map((kommunen.data ?? []).map((o) => [o.id, o.name]));

  const run = async (action: () => Promise<User>) => {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await action());
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setError(t('validation.chooseOne'));
      return;
    }
    setError(undefined);
    await run(() => api.post<User>(`/users/${user.id}/auditor-assignments`, { organisationId: choice }));
    setChoice('');
  };

  const remove = (organisationId: string) =>
    run(async () => {
      await api.delete(`/users/${user.id}/auditor-assignments/${organisationId}`);
      return api.get<User>(`/users/${user.id}`);
    });

  return (
    <section className="card" aria-labelledby="auditor-assignments">
      <h2 id="auditor-assignments">{t('admin.assignments.title')}</h2>
      <p>{t('admin.assignments.text')}</p>
      {problem ? <ProblemAlert error={problem} /> : null}
      {kommunen.error ? <ProblemAlert error={kommunen.error} /> : null}
      {user.assignedOrganisationIds.length === 0 ? (
        <Empty>{t('admin.assignments.none')}</Empty>
      ) : (
        <ul className="memberships">
          {user.assignedOrganisationIds.map((id) => {
            const name = names.get(id) ?? id;
            return (
              <li key={id} className="membership">
                <span>{name}</span>
                <Button busy={busy} onClick={() => remove(id)}>
                  {t('admin.assignments.remove')}
                  <span className="visually-hidden"> {t('admin.assignments.removeWhat', { name })}</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="form" noValidate onSubmit={add} aria-labelledby="auditor-assignments-add">
        <h3 id="auditor-assignments-add">{t('admin.assignments.add')}</h3>
        <SelectInput
          id="zuweisung"
          label={t('admin.assignments.kommune')}
          value={choice}
          error={error}
          options={[
            { value: '', label: t('userDetail.chooseOrganisation') },
            ...(kommunen.data ?? [])
              .filter((o) => !user.assignedOrganisationIds.includes(o.id))
              .map((o) => ({
                value: o.id,
                label: `${o.name} (${o.subtype ?? t(`organisationTypes.${o.type}`)})`,
              })),
          ]}
          onChange={setChoice}
        />
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('admin.assignments.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
