import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Organisation, type Page } from '../../api.ts';
import { compareText, formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { type Assessment, currentAssessment, listAssessments } from '../assessments/model.ts';
import type { MeasurePackage } from '../measures/model.ts';
import '../assessments/assessments.css';

/** The auditor's assigned Kommunen: each one's current assessment and what the auditor does next. */
export default function AuditorHome() {
  const { t } = useTranslation();
  const me = useMe();
  const data = useAsync(async () => {
    const [organisations, assessments, packages] = await Promise.all([
      api.get<Page<Organisation>>('/organisations?limit=500'),
      listAssessments(),
      api.get<{ items: MeasurePackage[] }>('/measure-packages'),
    ]);
    return {
      organisations: organisations.items
        .filter((o) => me.assignedOrganisationIds.includes(o.id))
        .sort((a, b) => compareText(a.name, b.name)),
      assessments: assessments.items,
      packages: packages.items,
    };
  }, [me.assignedOrganisationIds.join()]);

  const step = (a: Assessment | undefined, delivered: boolean) => {
    if (!a) return t('auditor.step.none');
    if (a.status === 'draft') return t('auditor.step.draft');
    if (a.status === 'submitted') return t('auditor.step.submitted');
    if (a.status === 'verified') return t('auditor.step.verified');
    return delivered ? t('auditor.step.delivered') : t('auditor.step.frozen');
  };

  return (
    <>
      <PageHeading title={t('auditor.title')} lead={t('auditor.lead')} />
      {data.error ? <ProblemAlert error={data.error} /> : null}
      {data.loading && !data.data ? (
        <Loading />
      ) : data.data ? (
        data.data.organisations.length === 0 ? (
          <Empty>{t('auditor.none')}</Empty>
        ) : (
          <ul className="kommune-list">
            {data.data.organisations.map((o) => {
              const current = currentAssessment(data.data!.assessments, o.id);
              const delivered = data.data!.packages.some((p) => current && p.assessmentId === current.id);
              const headingId = `kommune-${o.id}`;
              return (
                <li key={o.id}>
                  <section className="card" aria-labelledby={headingId}>
                    <h2 id={headingId}>{o.name}</h2>
                    <p className="muted">
                      {o.subtype ?? t(`organisationTypes.${o.type}`)}
                      {o.ars ? ` · ARS ${o.ars}` : ''}
                    </p>
                    {current ? (
                      <dl className="facts">
                        <dt>{t('auditor.assessment')}</dt>
                        <dd>
                          <Link to={`/bewertungen/${current.id}`}>{current.title}</Link>
                        </dd>
                        <dt>{t('assessment.statusLabel')}</dt>
                        <dd>
                          <span className={`status-badge status-badge--${current.status}`}>
                            {t(`assessment.status.${current.status}`)}
                          </span>
                        </dd>
                        <dt>{t('assessment.answered')}</dt>
                        <dd>
                          {t('assessment.answeredOf', {
                            answered: formatNumber(current.progress.answered),
                            total: formatNumber(current.progress.total),
                          })}
                        </dd>
                      </dl>
                    ) : null}
                    <p>
                      <strong>{t('auditor.nextLabel')}:</strong> {step(current, delivered)}
                    </p>
                    {current ? (
                      <p>
                        <Link className="button-link" to={`/bewertungen/${current.id}`}>
                          {t('auditor.open', { name: o.name })}
                        </Link>
                      </p>
                    ) : null}
                  </section>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </>
  );
}
