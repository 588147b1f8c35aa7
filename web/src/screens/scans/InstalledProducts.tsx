import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { Button, InputField, ScrollRegion } from '../../ui/controls.tsx';
import { Empty, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { fieldErrors } from './model.ts';
import { RowButton } from './parts.tsx';

interface InstalledProduct {
  id: string;
  vendor: string | null;
  product: string;
  version: string | null;
  cpe: string | null;
  purl: string | null;
}

const EMPTY = { vendor: '', product: '', version: '', cpe: '' };

/** Installed products (what CSAF advisories are matched against): list, add, remove. */
export function InstalledProducts({
  organisationId,
  editable,
}: {
  organisationId: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const list = useAsync(
    () =>
      api.get<{ items: InstalledProduct[]; total: number }>(
        `/organisations/${organisationId}/installed-products?limit=200`,
      ),
    [organisationId],
  );
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const run = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await action();
      setDone(message);
      list.reload();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  const errors = fieldErrors(error);
  const name = (p: InstalledProduct) => [p.vendor, p.product, p.version].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="products-title">
      <h2 id="products-title">{t('scans.products.title')}</h2>
      <p>{t('scans.products.lead')}</p>
      {done ? <SuccessAlert label={done} /> : null}
      {error ? <ProblemAlert error={error} /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <Empty>{t('scans.products.none')}</Empty> : null}
      {list.data && list.data.items.length > 0 ? (
        <ScrollRegion label={t('scans.products.caption', { formatted: formatNumber(list.data.total) })}>
          <table className="data-table">
            <caption>{t('scans.products.caption', { formatted: formatNumber(list.data.total) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scans.products.product')}</th>
                <th scope="col">{t('scans.products.vendor')}</th>
                <th scope="col">{t('scans.products.version')}</th>
                <th scope="col">CPE / PURL</th>
                {editable ? <th scope="col">{t('scans.assets.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.product}</th>
                  <td>{p.vendor ?? '–'}</td>
                  <td>{p.version ?? '–'}</td>
                  <td className="mono">{p.cpe ?? p.purl ?? '–'}</td>
                  {editable ? (
                    <td>
                      <RowButton
                        danger
                        name={name(p)}
                        onClick={() =>
                          run(
                            () => api.delete(`/installed-products/${p.id}`),
                            t('scans.products.deleted', { name: name(p) }),
                          )
                        }
                      >
                        {t('scans.assets.delete')}
                      </RowButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {editable ? (
        <form
          className="card form"
          aria-labelledby="product-add-title"
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () =>
                api.post(`/organisations/${organisationId}/installed-products`, {
                  product: form.product,
                  vendor: form.vendor || null,
                  version: form.version || null,
                  cpe: form.cpe || null,
                }),
              t('scans.products.added', { name: form.product }),
            ).then((ok) => ok && setForm(EMPTY));
          }}
        >
          <h3 id="product-add-title">{t('scans.products.add')}</h3>
          <InputField
            id="product-name"
            label={t('scans.products.product')}
            value={form.product}
            required
            error={errors.product}
            onChange={(v) => setForm({ ...form, product: v })}
          />
          <InputField
            id="product-vendor"
            label={t('scans.products.vendor')}
            value={form.vendor}
            error={errors.vendor}
            onChange={(v) => setForm({ ...form, vendor: v })}
          />
          <InputField
            id="product-version"
            label={t('scans.products.version')}
            value={form.version}
            error={errors.version}
            onChange={(v) => setForm({ ...form, version: v })}
          />
          <InputField
            id="product-cpe"
            label="CPE"
            hint={t('scans.products.cpeHint')}
            value={form.cpe}
            error={errors.cpe}
            onChange={(v) => setForm({ ...form, cpe: v })}
          />
          <Button type="submit" variant="primary">
            {t('scans.products.addButton')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
