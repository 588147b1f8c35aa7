import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import type { Match } from '../warnings/model.ts';
import { MatchTable } from './AdvisoryDetail.tsx';
import { CertNav } from './CertNav.tsx';

/** Matches in class "review" without a decision: the CERT confirms or dismisses each. */
export default function ReviewQueue() {
  const { t } = useTranslation();
  const queue = useAsync(() => api.get<Page<Match>>('/advisory-matches?queue=review&limit=200'), []);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const decide = async (m: Match, decision: 'confirmed' | 'dismissed') => {
    setError(null);
    try {
      await api.post(`/advisory-matches/${m.id}/review`, { decision });
      setDone(t(`cert.decided.${decision}`, { name: m.organisationName }));
      queue.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <PageHeading title={t('cert.reviewQueue')} lead={t('cert.reviewLead')} />
      <CertNav />
      {done ? <SuccessAlert label={done} /> : null}
      {error ? <ProblemAlert error={error} /> : null}
      {queue.error ? <ProblemAlert error={queue.error} /> : null}
      {queue.data ? (
        <MatchTable
          matches={queue.data.items}
          actions={(m) => (
            <span className="actions">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => decide(m, 'confirmed')}
              >
                {t('cert.confirm')}
                <span className="visually-hidden"> {m.organisationName}</span>
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => decide(m, 'dismissed')}
              >
                {t('cert.dismiss')}
                <span className="visually-hidden"> {m.organisationName}</span>
              </button>
            </span>
          )}
        />
      ) : (
        <Loading />
      )}
    </>
  );
}
