import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { ScrollRegion, SelectInput } from '../../ui/controls.tsx';
import { FileUpload } from '../../ui/FileUpload.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { TrendChart } from '../../ui/TrendChart.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { ChooseKommune, useScanKommune } from './kommune.tsx';
import {
  canEdit,
  SCAN_FORMATS,
  type ScanImport,
  type ScanImportResult,
  type ScanStatus,
  SEVERITIES,
} from './model.ts';
import { useKommuneItems } from './parts.tsx';
import { ScanNav } from './ScanNav.tsx';

/** The Kommune's scan picture: traffic light with its trend, report upload, the imports so far. */
export default function ScanOverview() {
  const { t } = useTranslation();
  const me = useMe();
  const { kommune, picker, link } = useScanKommune();
  const [format, setFormat] = useState<(typeof SCAN_FORMATS)[number]>('auto');
  const [result, setResult] = useState<ScanImportResult | null>(null);
  const status = useAsync(
    () => (kommune ? api.get<ScanStatus>(`/organisations/${kommune.id}/scan-status`) : Promise.resolve(null)),
    [kommune?.id],
  );
  const imports = useKommuneItems<ScanImport>(kommune, 'scan-imports');
  if (!kommune) return <ChooseKommune title={t('scans.pageTitle')} picker={picker} />;
  const s = status.data;
  return (
    <>
      <PageHeading title={t('scans.pageTitle')} lead={t('scans.lead', { name: kommune.name })} />
      <ScanNav />
      {picker}
      {status.error ? <ProblemAlert error={status.error} /> : null}
      {status.loading && !s ? (
        <Loading />
      ) : s ? (
        <div className="two-columns">
          <section className="card" aria-labelledby="light-title">
            <h2 id="light-title">{t('scans.light.title')}</h2>
            <p className={`light light--${s.light}`}>
              <span className="light__dot" aria-hidden="true" />
              {t(`scans.light.${s.light}`)}
            </p>
            <dl className="facts">
              <dt>{t('scans.lastScan')}</dt>
              <dd>{formatDateTime(s.lastScanAt)}</dd>
              {SEVERITIES.map((sev) => (
                <Fragment key={sev}>
                  <dt>{t('scans.openBySeverity', { severity: t(`scans.severity.${sev}`) })}</dt>
                  <dd>
                    <Link to={link(`/scans/befunde${query({ state: 'open', severity: sev })}`)}>
                      {formatNumber(s.open[sev])}
                    </Link>
                  </dd>
                </Fragment>
              ))}
              <dt>{t('scans.accepted')}</dt>
              <dd>{formatNumber(s.accepted)}</dd>
            </dl>
            <p className="muted">{s.rule}</p>
          </section>
          <section className="card" aria-labelledby="trend-title">
            <h2 id="trend-title">{t('scans.trend.title')}</h2>
            <TrendChart points={s.trend} caption={t('scans.trend.caption')} />
          </section>
        </div>
      ) : null}
      {canEdit(me) ? (
        <section className="card" aria-labelledby="upload-title">
          <h2 id="upload-title">{t('scans.upload.title')}</h2>
          <SelectInput
            id="scan-format"
            label={t('scans.upload.format')}
            value={format}
            options={SCAN_FORMATS.map((f) => ({ value: f, label: t(`scans.formats.${f}`) }))}
            onChange={(v) => setFormat(v as (typeof SCAN_FORMATS)[number])}
          />
          <FileUpload<ScanImportResult>
            label={t('scans.upload.file')}
            hint={t('scans.upload.hint')}
            buttonLabel={t('scans.upload.button')}
            path={(file) =>
              `/organisations/${kommune.id}/scan-imports${query({ filename: file.name, format })}`
            }
            onDone={(r) => {
              setResult(r);
              status.reload();
              imports.reload();
            }}
          />
          {result ? (
            <SuccessAlert label={t('scans.upload.done', { format: t(`scans.formats.${result.format}`) })}>
              <p>
                {t('scans.upload.counts', {
                  hosts: formatNumber(result.hosts),
                  findings: formatNumber(result.findingsCount),
                  created: formatNumber(result.created),
                  updated: formatNumber(result.updated),
                  fixed: formatNumber(result.fixed),
                  reopened: formatNumber(result.reopened),
                  unchanged: formatNumber(result.unchanged),
                  duplicates: formatNumber(result.duplicates),
                  measures: formatNumber(result.measuresCreated),
                })}
              </p>
              <p>
                {t('scans.upload.open', {
                  high: formatNumber(result.open.high),
                  medium: formatNumber(result.open.medium),
                  low: formatNumber(result.open.low),
                  info: formatNumber(result.open.info),
                })}{' '}
                <Link to={link('/scans/befunde?state=open')}>{t('scans.toFindings')}</Link>
              </p>
            </SuccessAlert>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="imports-title">
        <h2 id="imports-title">{t('scans.imports.title')}</h2>
        {imports.error ? <ProblemAlert error={imports.error} /> : null}
        {imports.data && imports.data.items.length === 0 ? <Empty>{t('scans.imports.none')}</Empty> : null}
        {imports.data && imports.data.items.length > 0 ? (
          <ScrollRegion label={t('scans.imports.title')}>
            <table className="data-table">
              <caption>{t('scans.imports.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scans.imports.label')}</th>
                  <th scope="col">{t('scans.source')}</th>
                  <th scope="col">{t('scans.imports.when')}</th>
                  <th scope="col" className="num">
                    {t('scans.imports.created')}
                  </th>
                  <th scope="col" className="num">
                    {t('scans.imports.fixed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.data.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.fileName ?? i.label}</th>
                    <td>{t(`scans.sources.${i.source}`)}</td>
                    <td>
                      {formatDateTime(i.importedAt)} ({i.importedBy})
                    </td>
                    <td className="num">{formatNumber(i.created)}</td>
                    <td className="num">{formatNumber(i.fixed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </section>
    </>
  );
}
