import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, type Me } from '../api.ts';
import { loadKoliBri } from '../kolibri-gate.tsx';
import { useSession } from '../session.tsx';
import { describeError, NativeAlert, NativeField } from '../ui/native.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';

interface OidcInfo {
  enabled: boolean;
  label: string | null;
}

/** Only paths of this app: no open redirect through ?weiter=. */
export function safeNext(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/anmelden')) return '/';
  return value;
}

/**
 * Sign-in: e-mail and password, then the TOTP code when the account has one; the OIDC button when
 * the server offers it. Native controls (no KoliBri) keep the first page small and work with
 * every password manager; KoliBri loads right after sign-in.
 */
export default function Login() {
  const { t } = useTranslation();
  const { status, expired, signedOut, signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('weiter'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState<OidcInfo | null>(null);

  useEffect(() => {
    // The form takes input from here on (handlers attached): bench/ui.bench.ts reads this mark.
    performance.mark('bastei:login-interactive');
    api.get<OidcInfo>('/auth/oidc').then(setOidc, () => setOidc(null));
  }, []);

  useEffect(() => {
    if (status === 'signed-in') navigate(next, { replace: true });
  }, [status, next, navigate]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    if (step === 'password') {
      if (!email.trim()) found.email = t('validation.required');
      if (!password) found.password = t('validation.required');
    } else if (!/^\d{6}$/.test(code.trim())) {
      found.totp = t('validation.totpFormat');
    }
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const me = await api.post<Me>('/auth/login', {
        email: email.trim(),
        password,
        ...(step === 'totp' ? { totp: code.trim() } : {}),
      });
      setPassword('');
      setCode('');
      void loadKoliBri();
      signedIn(me);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'second-factor-required') {
        setStep('totp');
      } else if (error instanceof ApiError && error.code === 'invalid-second-factor') {
        setErrors({ totp: error.problem.title });
      } else if (error instanceof ApiError && error.code === 'validation-failed') {
        setErrors(error.fieldErrors());
        setProblem(error);
      } else {
        setProblem(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading title={t('login.title')} lead={t('login.lead')} />
      {expired ? (
        <NativeAlert type="info" title={t('login.expiredTitle')}>
          <p>{t('login.expiredText')}</p>
        </NativeAlert>
      ) : null}
      {signedOut && !expired ? <NativeAlert type="info" title={t('login.signedOut')} /> : null}
      {problem ? <ProblemMessage error={problem} /> : null}
      <form className="form login-card" noValidate onSubmit={submit} aria-label={t('login.title')}>
        {step === 'password' ? (
          <>
            <NativeField
              id="email"
              type="email"
              label={t('login.email')}
              value={email}
              onChange={setEmail}
              error={errors.email}
              autoComplete="username"
              required
            />
            <NativeField
              id="password"
              type="password"
              label={t('login.password')}
              value={password}
              onChange={setPassword}
              error={errors.password}
              autoComplete="current-password"
              required
            />
          </>
        ) : (
          <>
            <p>{t('login.totpIntro')}</p>
            <NativeField
              id="totp"
              label={t('login.totp')}
              inputMode="numeric"
              hint={t('login.totpHint')}
              value={code}
              onChange={setCode}
              error={errors.totp}
              autoComplete="one-time-code"
              required
            />
          </>
        )}
        <div className="actions">
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
            {busy ? t('login.busy') : step === 'password' ? t('login.submit') : t('login.confirm')}
          </button>
          {step === 'totp' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setStep('password');
                setCode('');
                setErrors({});
              }}
            >
              {t('common.back')}
            </button>
          ) : null}
        </div>
      </form>
      {oidc?.enabled ? (
        <section className="oidc" aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t('login.oidcHeading')}</h2>
          <a className="button-link" href={`/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(next)}`}>
            {oidc.label ?? t('login.oidcDefault')}
          </a>
        </section>
      ) : null}
    </div>
  );
}

function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { heading, detail } = describeError(error, t);
  return (
    <NativeAlert type="error" title={heading}>
      {detail ? <p>{detail}</p> : null}
    </NativeAlert>
  );
}
