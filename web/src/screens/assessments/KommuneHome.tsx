import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../api.ts';
import { api } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { may } from '../../session.tsx';
import { Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import type { MeasurePackage } from '../measures/model.ts';
import { nextStepText } from './AssessmentOverview.tsx';
import { type Assessment, currentAssessment, listAssessments, type Scores } from './model.ts';

/**
 * The start page card of a Kommune (ISB, member): its current assessment and the next step —
 * answer, submit, wait for the audit, or work on the measures.
 */
export function KommuneHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const own = me.memberships.filter((m) => m.role === 'isb' || m.role === 'member');
  const data = useAsync(async () => {
    const [assessments, packages] = await Promise.all([
      listAssessments(),
      api.get<{ items: MeasurePackage[] }>('/measure-packages'),
    ]);
    return { assessments: assessments.items, packages: packages.items };
  }, []);
  return (
    <section className="card" aria-labelledby="home-municipality">
      <h2 id="home-municipality">{t('home.municipality.title')}</h2>
      {data.error ? <ProblemAlert error={data.error} /> : null}
      {own.map((m) => (
        <div key={m.id} className="kommune-status">
          <p>
            <strong>{m.organisationName}</strong> – {t(`roles.${m.role}`)}
          </p>
          {data.loading && !data.data ? (
            <Loading />
          ) : data.data ? (
            <KommuneSteps
              assessment={currentAssessment(data.data.assessments, m.organisationId)}
              packages={data.data.packages.filter((p) => p.organisationId === m.organisationId)}
              isb={m.role === 'isb'}
            />
          ) : null}
        </div>
      ))}
      <ul className="links">
        <li>
          <Link to="/bewertungen">{t('assessment.homeAll')}</Link>
        </li>
        <li>
          <Link to="/massnahmen">{t('measures.homeLink')}</Link>
        </li>
        {may(me, 'audit') ? (
          <li>
            <Link to="/protokoll">{t('home.municipality.history')}</Link>
          </li>
        ) : null}
        {!me.user.totpEnabled ? (
          <li>
            <Link to="/konto">{t('home.municipality.stepTotp')}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function KommuneSteps({
  assessment,
  packages,
  isb,
}: {
  assessment: Assessment | undefined;
  packages: MeasurePackage[];
  isb: boolean;
}) {
  const { t } = useTranslation();
  const scores = useAsync(
    () =>
      assessment && assessment.status === 'frozen'
        ? api.get<Scores>(`/assessments/${assessment.id}/scores`)
        : Promise.resolve(null),
    [assessment?.id, assessment?.status],
  );
  if (!assessment) {
    return (
      <>
        <p>{isb ? t('assessment.home.noneIsb') : t('assessment.home.noneMember')}</p>
        {isb ? (
          <p>
            <Link className="button-link" to="/bewertungen">
              {t('assessment.home.start')}
            </Link>
          </p>
        ) : null}
      </>
    );
  }
  const latestPackage = [...packages].sort((a, b) => b.version - a.version)[0];
  return (
    <>
      <dl className="facts">
        <dt>{t('assessment.home.current')}</dt>
        <dd>
          <Link to={`/bewertungen/${assessment.id}`}>{assessment.title}</Link>
        </dd>
        <dt>{t('assessment.statusLabel')}</dt>
        <dd>
          <span className={`status-badge status-badge--${assessment.status}`}>
            {t(`assessment.status.${assessment.status}`)}
          </span>
        </dd>
        <dt>{t('assessment.answered')}</dt>
        <dd>
          <progress
            max={assessment.progress.total}
            value={assessment.progress.answered}
            aria-label={t('assessment.answered')}
          />{' '}
          {t('assessment.answeredOf', {
            answered: formatNumber(assessment.progress.answered),
            total: formatNumber(assessment.progress.total),
          })}
        </dd>
        {scores.data ? (
          <>
            <dt>{t('assessment.overallScore')}</dt>
            <dd>{formatPercent(scores.data.overall.score)}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('home.municipality.nextTitle')}</h3>
      <p>{nextStepText(assessment, t)}</p>
      {assessment.allowedActions.includes('answer') ? (
        <p>
          <Link className="button-link" to={`/bewertungen/${assessment.id}`}>
            {t('assessment.continueAnswering')}
          </Link>
        </p>
      ) : null}
      {latestPackage ? (
        <p>
          {t('assessment.home.package', { version: latestPackage.version })}{' '}
          <Link to="/massnahmen">{t('assessment.home.workOnMeasures')}</Link>
        </p>
      ) : null}
    </>
  );
}
