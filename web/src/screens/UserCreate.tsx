import { KolButton } from '@public-ui/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, type User } from '../api.ts';
import { useDraft } from '../drafts.ts';
import { SelectField, TextField } from '../ui/fields.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemAlert } from '../ui/states.tsx';

/** Admin: a new account. What is typed survives an expired session (except the password). */
export default function UserCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, update, clear] = useDraft('user-create', { email: '', displayName: '', locale: 'de' });
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.email.trim())) found.email = t('validation.email');
    if (!form.displayName.trim()) found.displayName = t('validation.required');
    if (password && password.length < 12) found.password = t('validation.passwordLength');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const user = await api.post<User>('/users', {
        email: form.email.trim(),
        displayName: form.displayName.trim(),
        locale: form.locale,
        ...(password ? { password } : {}),
      });
      clear();
      setPassword('');
      navigate(`/benutzer/${user.id}`, { state: { created: true } });
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors());
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading title={t('userCreate.title')} />
      {problem ? <ProblemAlert error={problem} /> : null}
      <form className="form" noValidate onSubmit={submit} aria-label={t('userCreate.title')}>
        <TextField
          name="email"
          type="email"
          label={t('userCreate.email')}
          value={form.email}
          onChange={(email) => update({ email })}
          error={errors.email}
          autoComplete="off"
          required
        />
        <TextField
          name="displayName"
          label={t('userCreate.displayName')}
          value={form.displayName}
          onChange={(displayName) => update({ displayName })}
          error={errors.displayName}
          autoComplete="off"
          required
        />
        <SelectField
          name="locale"
          label={t('userCreate.locale')}
          value={form.locale}
          options={[
            { value: 'de', label: t('languages.de') },
            { value: 'en', label: t('languages.en') },
          ]}
          onChange={(locale) => update({ locale })}
          error={errors.locale}
        />
        <TextField
          name="password"
          type="password"
          label={t('userCreate.password')}
          hint={t('userCreate.passwordHint')}
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete="new-password"
        />
        <div className="actions">
          <KolButton _type="submit" _variant="primary" _label={t('userCreate.submit')} _disabled={busy} />
          <KolButton
            _type="button"
            _variant="secondary"
            _label={t('common.cancel')}
            _on={{
              onClick: () => {
                clear();
                navigate('/benutzer');
              },
            }}
          />
        </div>
      </form>
    </div>
  );
}
