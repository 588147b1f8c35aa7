import { KolButton } from '@public-ui/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { useMe, useSession } from '../session.tsx';
import { TextField } from '../ui/fields.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { InfoAlert, ProblemAlert, SuccessAlert } from '../ui/states.tsx';

/** Own account: password change and the authenticator app (TOTP). */
export default function Account() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading title={t('account.title')} lead={me.user.email} />
      {me.secondFactorRequired && !me.user.totpEnabled ? (
        <InfoAlert label={t('account.totpRequiredTitle')}>
          <p>{t('account.totpRequiredText')}</p>
        </InfoAlert>
      ) : null}
      <div className="two-columns">
        {me.user.hasPassword ? <PasswordChange totpEnabled={me.user.totpEnabled} /> : null}
        <SecondFactor />
      </div>
    </>
  );
}

/** Validation and server errors for one form: field messages plus a summary problem. */
function useFormErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const fail = (error: unknown, fieldOf: (code: string) => string | undefined = () => undefined) => {
    if (error instanceof ApiError) {
      const field = fieldOf(error.code);
      if (field) {
        setErrors({ [field]: error.problem.detail ?? error.problem.title });
        setProblem(null);
        return;
      }
      setErrors(error.fieldErrors());
    }
    setProblem(error);
  };
  const reset = (found: Record<string, string> = {}) => {
    setErrors(found);
    setProblem(null);
    return Object.keys(found).length === 0;
  };
  return { errors, problem, fail, reset };
}

function PasswordChange({ totpEnabled }: { totpEnabled: boolean }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, problem, fail, reset } = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = t('validation.required');
    if (next.length < 12) found.newPassword = t('validation.passwordLength');
    if (next !== repeat) found.repeat = t('validation.passwordRepeat');
    if (totpEnabled && !/^\d{6}$/.test(code)) found.totp = t('validation.totpFormat');
    if (!reset(found)) return;
    setBusy(true);
    try {
      await api.post('/me/password', {
        currentPassword: current,
        newPassword: next,
        ...(totpEnabled ? { totp: code } : {}),
      });
      setCurrent('');
      setNext('');
      setRepeat('');
      setCode('');
      setDone(true);
    } catch (error) {
      fail(error, (c) =>
        c === 'invalid-credentials' || c === 'reauthentication-required'
          ? 'currentPassword'
          : c === 'invalid-second-factor'
            ? 'totp'
            : undefined,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.password.title')}</h2>
      {done ? <SuccessAlert label={t('account.password.done')} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      <form className="form" noValidate onSubmit={submit} aria-labelledby="password-heading">
        <TextField
          name="currentPassword"
          type="password"
          label={t('account.password.current')}
          value={current}
          onChange={setCurrent}
          error={errors.currentPassword}
          autoComplete="current-password"
          required
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('account.password.new')}
          hint={t('account.password.rules')}
          value={next}
          onChange={setNext}
          error={errors.newPassword}
          autoComplete="new-password"
          required
        />
        <TextField
          name="repeat"
          type="password"
          label={t('account.password.repeat')}
          value={repeat}
          onChange={setRepeat}
          error={errors.repeat}
          autoComplete="new-password"
          required
        />
        {totpEnabled ? (
          <TextField
            name="totp"
            label={t('account.totp.code')}
            value={code}
            onChange={setCode}
            error={errors.totp}
            autoComplete="one-time-code"
            required
          />
        ) : null}
        <div className="actions">
          <KolButton
            _type="submit"
            _variant="primary"
            _label={t('account.password.submit')}
            _disabled={busy}
          />
        </div>
      </form>
    </section>
  );
}

interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

function SecondFactor() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, problem, fail, reset } = useFormErrors();
  const enabled = me.user.totpEnabled;

  const passwordField = (field: string) => (c: string) =>
    c === 'invalid-credentials' || c === 'reauthentication-required'
      ? field
      : c === 'invalid-second-factor'
        ? 'code'
        : undefined;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!reset(password ? {} : { password: t('validation.required') })) return;
    setBusy(true);
    try {
      setSetup(await api.post<TotpSetup>('/me/totp/setup', { password }));
      setPassword('');
    } catch (error) {
      fail(error, passwordField('password'));
    } finally {
      setBusy(false);
    }
  };

  const enable = async (event: FormEvent) => {
    event.preventDefault();
    if (!reset(/^\d{6}$/.test(code) ? {} : { code: t('validation.totpFormat') })) return;
    setBusy(true);
    try {
      await api.post('/me/totp/enable', { code });
      setSetup(null);
      setCode('');
      await refresh();
      setMessage(t('account.totp.enabled'));
    } catch (error) {
      fail(error, passwordField('code'));
    } finally {
      setBusy(false);
    }
  };

  const disable = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!password) found.password = t('validation.required');
    if (!/^\d{6}$/.test(code)) found.code = t('validation.totpFormat');
    if (!reset(found)) return;
    setBusy(true);
    try {
      await api.post('/me/totp/disable', { password, code });
      setPassword('');
      setCode('');
      await refresh();
      setMessage(t('account.totp.disabled'));
    } catch (error) {
      fail(error, passwordField('password'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('account.totp.title')}</h2>
      <p>
        {t('account.totp.status')}: <strong>{enabled ? t('common.active') : t('common.inactive')}</strong>
      </p>
      {message ? <SuccessAlert label={message} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      {enabled ? (
        <form className="form" noValidate onSubmit={disable} aria-label={t('account.totp.disable')}>
          <p>{t('account.totp.disableIntro')}</p>
          <TextField
            name="password"
            type="password"
            label={t('account.password.current')}
            value={password}
            onChange={setPassword}
            error={errors.password}
            autoComplete="current-password"
            required
          />
          <TextField
            name="code"
            label={t('account.totp.code')}
            value={code}
            onChange={setCode}
            error={errors.code}
            autoComplete="one-time-code"
            required
          />
          <div className="actions">
            <KolButton _type="submit" _variant="danger" _label={t('account.totp.disable')} _disabled={busy} />
          </div>
        </form>
      ) : setup ? (
        <form className="form" noValidate onSubmit={enable} aria-label={t('account.totp.enable')}>
          <ol className="steps">
            <li>{t('account.totp.scan')}</li>
            <li>{t('account.totp.enterCode')}</li>
          </ol>
          <dl className="facts">
            <dt>{t('account.totp.secret')}</dt>
            <dd>
              <code className="secret">{groupSecret(setup.secret)}</code>
            </dd>
            <dt>{t('account.totp.uri')}</dt>
            <dd>
              <code className="uri">{setup.otpauthUri}</code>
            </dd>
          </dl>
          <TextField
            name="code"
            label={t('account.totp.code')}
            value={code}
            onChange={setCode}
            error={errors.code}
            autoComplete="one-time-code"
            required
          />
          <div className="actions">
            <KolButton _type="submit" _variant="primary" _label={t('account.totp.enable')} _disabled={busy} />
            <KolButton
              _type="button"
              _variant="secondary"
              _label={t('common.cancel')}
              _on={{ onClick: () => setSetup(null) }}
            />
          </div>
        </form>
      ) : (
        <form className="form" noValidate onSubmit={start} aria-label={t('account.totp.start')}>
          <p>{t('account.totp.intro')}</p>
          <TextField
            name="password"
            type="password"
            label={t('account.password.current')}
            value={password}
            onChange={setPassword}
            error={errors.password}
            autoComplete="current-password"
            required
          />
          <div className="actions">
            <KolButton _type="submit" _variant="primary" _label={t('account.totp.start')} _disabled={busy} />
          </div>
        </form>
      )}
    </section>
  );
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type from the screen. */
const groupSecret = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();
