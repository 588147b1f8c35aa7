import { KolAlert } from '@public-ui/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './native.tsx';

export { describeError, Empty, Loading } from './native.tsx';

/** A problem document (title, detail) or any error, readable. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const { heading, detail } = describeError(error, t);
  const body = Boolean(title || detail);
  return (
    <KolAlert _type="error" _variant={body ? 'card' : 'msg'} _label={title ?? heading} _level={2} _alert>
      {title ? <p>{heading}</p> : null}
      {detail ? <p>{detail}</p> : null}
    </KolAlert>
  );
}

/** Without children the compact variant: a card would show an empty body. */
export function SuccessAlert({ children, label }: { children?: ReactNode; label: string }) {
  return (
    <KolAlert _type="success" _variant={children ? 'card' : 'msg'} _label={label} _level={2} _alert>
      {children}
    </KolAlert>
  );
}

export function InfoAlert({ children, label }: { children?: ReactNode; label: string }) {
  return (
    <KolAlert _type="info" _variant={children ? 'card' : 'msg'} _label={label} _level={2}>
      {children}
    </KolAlert>
  );
}
