import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's h1 and the document title. Focus moves here after each navigation (Layout), so the
 * heading takes programmatic focus only (tabIndex -1).
 */
export function PageHeading({ title, lead }: { title: string; lead?: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}
