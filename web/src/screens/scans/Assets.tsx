import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, query } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Button, InputField, SelectInput, TextArea } from '../../ui/controls.tsx';
import { PointerErrors } from '../../ui/FileUpload.tsx';
import { FilteredList, useFilteredList } from '../../ui/FilteredList.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import type { Column } from '../../ui/SortableTable.tsx';
import { ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { InstalledProducts } from './InstalledProducts.tsx';
import { ChooseKommune, useScanKommune } from './kommune.tsx';
import { ASSET_KINDS, type Asset, type AssetImportResult, canEdit, fieldErrors } from './model.ts';
import { RowButton } from './parts.tsx';
import { ScanNav } from './ScanNav.tsx';

const PAGE_SIZE = 50;
const EMPTY = {
  kind: 'domain' as Asset['kind'],
  name: '',
  port: '',
  protocol: 'tcp',
  product: '',
  notes: '',
};

/** The asset inventory: filters, add, edit, delete and a CSV import with its line-by-line result. */
export default function Assets() {
  const { t } = useTranslation();
  const me = useMe();
  const { kommune, picker } = useScanKommune();
  const editable = canEdit(me);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<Asset | null>(null);
  const [deleting, setDeleting] = useState<Asset | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const list = useFilteredList<Asset, 'art' | 'q'>({
    filters: [
      {
        kind: 'select',
        param: 'art',
        id: 'asset-filter-kind',
        label: t('scans.assets.kind'),
        options: [
          { value: '', label: t('scans.all') },
          ...ASSET_KINDS.map((k) => ({ value: k, label: t(`scans.assets.kinds.${k}`) })),
        ],
      },
      {
        kind: 'text',
        param: 'q',
        id: 'asset-filter-q',
        label: t('scans.assets.search'),
        hint: t('scans.hostHint'),
      },
    ],
    pageSize: PAGE_SIZE,
    load: ({ art, q }, paging) =>
      kommune
        ? api.get<{ items: Asset[]; total: number }>(
            `/organisations/${kommune.id}/assets${query({ kind: art || undefined, q: q || undefined, ...paging })}`,
          )
        : Promise.resolve({ items: [], total: 0 }),
    deps: [kommune?.id],
  });
  if (!kommune) return <ChooseKommune title={t('scans.assets.title')} picker={picker} />;
  const save = async () => {
    setError(null);
    const body = {
      ...(form.name ? { name: form.name } : {}),
      ...(form.kind === 'service'
        ? { port: Number.parseInt(form.port, 10) || undefined, protocol: form.protocol }
        : {}),
      ...(form.kind === 'service' ? { product: form.product || null } : {}),
      notes: form.notes || null,
    };
    try {
      if (editing) await api.patch(`/assets/${editing.id}`, body);
      else await api.post(`/organisations/${kommune.id}/assets`, { kind: form.kind, ...body });
      setDone(
        editing
          ? t('scans.assets.updated', { name: form.name })
          : t('scans.assets.created', { name: form.name }),
      );
      setForm(EMPTY);
      setEditing(null);
      list.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async (asset: Asset) => {
    setDeleting(null);
    try {
      const result = await api.delete<{ deletedAssets: number }>(`/assets/${asset.id}`);
      setDone(t('scans.assets.deleted', { name: asset.name, count: result?.deletedAssets ?? 1 }));
      list.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const errors = fieldErrors(error);
  const columns: Column<Asset>[] = [
    { key: 'name', label: t('scans.assets.name'), render: (a) => a.name },
    { key: 'kind', label: t('scans.assets.kind'), render: (a) => t(`scans.assets.kinds.${a.kind}`) },
    { key: 'port', label: t('scans.assets.port'), render: (a) => (a.port ? `${a.port}/${a.protocol}` : '–') },
    { key: 'product', label: t('scans.assets.product'), render: (a) => a.product ?? '–' },
    ...(editable
      ? [
          {
            key: 'actions',
            label: t('scans.assets.actions'),
            render: (a: Asset) => (
              <span className="actions">
                <RowButton
                  name={a.name}
                  onClick={() => {
                    setEditing(a);
                    setForm({
                      kind: a.kind,
                      name: a.name,
                      port: a.port ? String(a.port) : '',
                      protocol: a.protocol ?? 'tcp',
                      product: a.product ?? '',
                      notes: a.notes ?? '',
                    });
                    window.setTimeout(() => document.getElementById('asset-name')?.focus(), 0);
                  }}
                >
                  {t('scans.assets.edit')}
                </RowButton>
                <RowButton danger name={a.name} onClick={() => setDeleting(a)}>
                  {t('scans.assets.delete')}
                </RowButton>
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeading title={t('scans.assets.title')} lead={t('scans.assets.lead')} />
      <ScanNav />
      {picker}
      {done ? <SuccessAlert label={done} /> : null}
      <FilteredList
        list={list}
        label={t('scans.filters')}
        columns={columns}
        rowKey={(a) => a.id}
        caption={(count, formatted) => t('scans.assets.caption', { count, formatted })}
        empty={t('scans.assets.none')}
      />
      {editable ? (
        <div className="two-columns">
          <section className="card" aria-labelledby="asset-form-title">
            <h2 id="asset-form-title">
              {editing ? t('scans.assets.editTitle', { name: editing.name }) : t('scans.assets.add')}
            </h2>
            <form
              className="form"
              onSubmit={(event) => {
                event.preventDefault();
                void save();
              }}
            >
              {error ? <ProblemAlert error={error} /> : null}
              {!editing ? (
                <SelectInput
                  id="asset-kind"
                  label={t('scans.assets.kind')}
                  value={form.kind}
                  options={ASSET_KINDS.map((k) => ({ value: k, label: t(`scans.assets.kinds.${k}`) }))}
                  onChange={(v) => setForm({ ...form, kind: v })}
                />
              ) : null}
              <InputField
                id="asset-name"
                label={t('scans.assets.name')}
                hint={t('scans.assets.nameHint')}
                value={form.name}
                error={errors.name}
                onChange={(v) => setForm({ ...form, name: v })}
              />
              {form.kind === 'service' ? (
                <>
                  <InputField
                    id="asset-port"
                    type="number"
                    inputMode="numeric"
                    label={t('scans.assets.port')}
                    value={form.port}
                    error={errors.port}
                    onChange={(v) => setForm({ ...form, port: v })}
                  />
                  <SelectInput
                    id="asset-protocol"
                    label={t('scans.assets.protocol')}
                    value={form.protocol}
                    options={[
                      { value: 'tcp', label: 'TCP' },
                      { value: 'udp', label: 'UDP' },
                    ]}
                    onChange={(v) => setForm({ ...form, protocol: v })}
                  />
                  <InputField
                    id="asset-product"
                    label={t('scans.assets.product')}
                    hint={t('scans.assets.productHint')}
                    value={form.product}
                    error={errors.product}
                    onChange={(v) => setForm({ ...form, product: v })}
                  />
                </>
              ) : null}
              <TextArea
                id="asset-notes"
                label={t('scans.assets.notes')}
                value={form.notes}
                error={errors.notes}
                onChange={(v) => setForm({ ...form, notes: v })}
              />
              <div className="actions">
                <Button type="submit" variant="primary">
                  {editing ? t('scans.assets.save') : t('scans.assets.addButton')}
                </Button>
                {editing ? (
                  <Button
                    onClick={() => {
                      setEditing(null);
                      setForm(EMPTY);
                    }}
                  >
                    {t('scans.assets.cancelEdit')}
                  </Button>
                ) : null}
              </div>
            </form>
          </section>
          <CsvImport organisationId={kommune.id} onDone={() => list.reload()} />
        </div>
      ) : null}
      <InstalledProducts organisationId={kommune.id} editable={editable} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('scans.assets.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('scans.assets.delete')}
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      >
        <p>{t('scans.assets.deleteText')}</p>
      </ConfirmDialog>
    </>
  );
}

function CsvImport({ organisationId, onDone }: { organisationId: string; onDone(): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<AssetImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const csv = await file.text();
      setResult(await api.post<AssetImportResult>(`/organisations/${organisationId}/assets/import`, { csv }));
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="csv-title">
      <h2 id="csv-title">{t('scans.assets.csvTitle')}</h2>
      <div className="field">
        <label htmlFor="csv-file">{t('scans.assets.csvFile')}</label>
        <p className="field__hint" id="csv-file-hint">
          {t('scans.assets.csvHint')}
        </p>
        <input
          ref={input}
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="csv-file-hint"
        />
      </div>
      <Button variant="primary" busy={busy} onClick={send}>
        {t('scans.assets.csvButton')}
      </Button>
      {error ? (
        <>
          <ProblemAlert error={error} />
          {error instanceof ApiError ? (
            <PointerErrors
              errors={(error.problem.errors ?? []).map((e) => ({
                ...e,
                pointer: e.pointer.replace('/body/csv', 'CSV'),
              }))}
            />
          ) : null}
        </>
      ) : null}
      {result ? (
        <SuccessAlert label={t('scans.assets.csvDone')}>
          <p>
            {t('scans.assets.csvCounts', {
              rows: formatNumber(result.rows),
              created: formatNumber(result.created),
              updated: formatNumber(result.updated),
              unchanged: formatNumber(result.unchanged),
              implicit: formatNumber(result.implicitHosts),
            })}
          </p>
        </SuccessAlert>
      ) : null}
    </section>
  );
}
