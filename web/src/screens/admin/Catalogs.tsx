import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Page, upload } from '../../api.ts';
import { formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import { Button } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import '../../ui/map.css';

/** The server's limit for catalog imports (src/domains/catalogs/routes.ts CATALOG_IMPORT_BODY_LIMIT). */
const MAX_BYTES = 20 * 1024 * 1024;

interface Catalog {
  id: string;
  key: string;
  version: string;
  title: string;
  source: string;
  groupCount: number;
  requirementCount: number;
  createdAt: string;
}

interface ImportResult {
  kind: 'catalog' | 'profile' | 'mapping-collection';
  catalogId: string | null;
  key: string;
  version: string;
  title: string;
  groups: number;
  controls: number;
  measureTemplates: number;
  crossReferences: number;
  validation: 'json-schema' | 'structural';
  warnings: { code: string; pointer: string; message: string }[];
}

type Phase = { step: 'idle' } | { step: 'uploading'; share: number } | { step: 'processing' };

/**
 * Admin: the catalogs and the import of an OSCAL JSON document (catalog, profile, mapping
 * collection). The file goes up as it is, with a progress bar (XMLHttpRequest, which reports
 * upload progress); the answer is the import summary or the problem document with the JSON
 * pointers of what is wrong in the file.
 */
export default function Catalogs() {
  const { t } = useTranslation();
  const catalogs = useAsync(() => api.get<Page<Catalog>>('/catalogs?limit=100'), []);
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const busy = phase.step !== 'idle';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    setProblem(null);
    setResult(null);
    if (!file) return refuse(t('admin.catalogs.chooseFile'));
    if (!/\.json$/i.test(file.name)) return refuse(t('admin.catalogs.notJson'));
    if (file.size === 0) return refuse(t('admin.catalogs.empty'));
    if (file.size > MAX_BYTES)
      return refuse(t('admin.catalogs.tooLarge', { max: formatNumber(MAX_BYTES / 1024 / 1024) }));
    setFieldError(null);
    setPhase({ step: 'uploading', share: 0 });
    try {
      const answer = await upload<ImportResult>(
        '/catalogs',
        file,
        (loaded, total) =>
          setPhase(loaded >= total ? { step: 'processing' } : { step: 'uploading', share: loaded / total }),
        'application/json',
      );
      setResult(answer);
      if (input.current) input.current.value = '';
      catalogs.reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setPhase({ step: 'idle' });
    }
  };

  const refuse = (message: string) => {
    setFieldError(message);
    input.current?.focus();
  };

  const share = phase.step === 'uploading' ? phase.share : phase.step === 'processing' ? 1 : 0;
  const pointers = problem instanceof ApiError ? (problem.problem.errors ?? []) : [];

  const columns: Column<Catalog>[] = [
    { key: 'title', label: t('admin.catalogs.titleColumn'), render: (c) => c.title },
    { key: 'key', label: t('admin.catalogs.key'), render: (c) => <span className="mono">{c.key}</span> },
    { key: 'version', label: t('admin.catalogs.version'), render: (c) => c.version },
    { key: 'source', label: t('admin.catalogs.source'), render: (c) => c.source },
    {
      key: 'groups',
      label: t('admin.catalogs.groups'),
      numeric: true,
      render: (c) => formatNumber(c.groupCount),
    },
    {
      key: 'requirements',
      label: t('admin.catalogs.controls'),
      numeric: true,
      render: (c) => formatNumber(c.requirementCount),
    },
    { key: 'created', label: t('admin.catalogs.created'), render: (c) => formatDateTime(c.createdAt) },
  ];

  return (
    <>
      <PageHeading title={t('admin.catalogs.title')} lead={t('admin.catalogs.lead')} />
      <section className="card" aria-labelledby="katalog-import">
        <h2 id="katalog-import">{t('admin.catalogs.importTitle')}</h2>
        <form className="form" noValidate onSubmit={submit}>
          <div className={fieldError ? 'field field--error' : 'field'}>
            <label htmlFor="katalog-datei">{t('admin.catalogs.file')}</label>
            <p className="field__hint" id="katalog-datei-hint">
              {t('admin.catalogs.fileHint', { max: formatNumber(MAX_BYTES / 1024 / 1024) })}
            </p>
            {fieldError ? (
              <p className="field__error" id="katalog-datei-error">
                {fieldError}
              </p>
            ) : null}
            <input
              ref={input}
              id="katalog-datei"
              name="katalog-datei"
              type="file"
              accept="application/json,.json"
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'katalog-datei-error katalog-datei-hint' : 'katalog-datei-hint'}
              onChange={() => setFieldError(null)}
            />
          </div>
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {busy ? t('admin.catalogs.busy') : t('admin.catalogs.submit')}
            </Button>
          </div>
          {busy ? (
            <div className="progress-bar">
              <label htmlFor="katalog-fortschritt">{t('admin.catalogs.progress')}</label>
              <progress id="katalog-fortschritt" max={100} value={Math.round(share * 100)}>
                {formatPercent(share)}
              </progress>
              <span aria-hidden="true">{formatPercent(share)}</span>
            </div>
          ) : null}
          <p role="status" className="muted">
            {phase.step === 'uploading'
              ? t('admin.catalogs.uploading')
              : phase.step === 'processing'
                ? t('admin.catalogs.processing')
                : ''}
          </p>
        </form>
        {problem ? (
          <div className="import-problem">
            <ProblemAlert error={problem} title={t('admin.catalogs.failed')} />
            {pointers.length > 0 ? (
              <>
                <h3>{t('admin.catalogs.errors')}</h3>
                <ul className="error-list">
                  {pointers.map((error, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a pointer may be named twice
                    <li key={index}>
                      <code>{error.pointer}</code>: {error.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
        {result ? <ImportSummary result={result} /> : null}
      </section>
      <section aria-labelledby="katalog-liste">
        <h2 id="katalog-liste">{t('admin.catalogs.list')}</h2>
        {catalogs.error ? <ProblemAlert error={catalogs.error} /> : null}
        {catalogs.loading && !catalogs.data ? (
          <Loading />
        ) : catalogs.data ? (
          catalogs.data.items.length === 0 ? (
            <Empty>{t('admin.catalogs.none')}</Empty>
          ) : (
            <SortableTable
              caption={t('admin.catalogs.caption', {
                count: catalogs.data.total,
                formatted: formatNumber(catalogs.data.total),
              })}
              columns={columns}
              rows={catalogs.data.items}
              rowKey={(c) => c.id}
            />
          )
        ) : null}
      </section>
    </>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <div className="import-summary">
      <SuccessAlert label={t('admin.catalogs.done', { title: result.title })}>
        <dl className="facts">
          <dt>{t('admin.catalogs.kind')}</dt>
          <dd>{t(`admin.catalogs.kinds.${result.kind}`)}</dd>
          <dt>{t('admin.catalogs.key')}</dt>
          <dd className="mono">{result.key}</dd>
          <dt>{t('admin.catalogs.version')}</dt>
          <dd>{result.version}</dd>
          <dt>{t('admin.catalogs.groups')}</dt>
          <dd>{formatNumber(result.groups)}</dd>
          <dt>{t('admin.catalogs.controls')}</dt>
          <dd>{formatNumber(result.controls)}</dd>
          <dt>{t('admin.catalogs.measureTemplates')}</dt>
          <dd>{formatNumber(result.measureTemplates)}</dd>
          <dt>{t('admin.catalogs.crossReferences')}</dt>
          <dd>{formatNumber(result.crossReferences)}</dd>
          <dt>{t('admin.catalogs.validation')}</dt>
          <dd>{t(`admin.catalogs.validations.${result.validation}`)}</dd>
        </dl>
      </SuccessAlert>
      {result.warnings.length > 0 ? (
        <>
          <h3>{t('admin.catalogs.warnings', { count: result.warnings.length })}</h3>
          <ul className="error-list">
            {result.warnings.map((warning, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a pointer may be named twice
              <li key={index}>
                <code>{warning.pointer}</code>: {warning.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
