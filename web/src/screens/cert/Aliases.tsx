import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, InputField, ScrollRegion, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { fieldErrors } from '../scans/model.ts';
import { CertNav } from './CertNav.tsx';

interface Alias {
  id: string;
  key: string;
  label: string | null;
  cpes: string[];
  purls: string[];
  names: string[];
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The CERT's alias table: spellings (CPE, PURL, names) that denote one product. */
export default function Aliases() {
  const { t } = useTranslation();
  const aliases = useAsync(() => api.get<{ items: Alias[] }>('/advisory-aliases'), []);
  const [form, setForm] = useState({ key: '', label: '', cpes: '', purls: '', names: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const save = async () => {
    setError(null);
    try {
      const saved = await api.post<{ rematchedAdvisories: number }>('/advisory-aliases', {
        key: form.key,
        ...(form.label ? { label: form.label } : {}),
        cpes: lines(form.cpes),
        purls: lines(form.purls),
        names: lines(form.names),
      });
      setDone(t('cert.aliasSaved', { count: saved.rematchedAdvisories }));
      setForm({ key: '', label: '', cpes: '', purls: '', names: '' });
      aliases.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async (alias: Alias) => {
    setError(null);
    try {
      await api.delete(`/advisory-aliases/${alias.id}`);
      setDone(t('cert.aliasDeleted', { key: alias.key }));
      aliases.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const errors = fieldErrors(error);
  return (
    <>
      <PageHeading title={t('cert.aliases')} lead={t('cert.aliasesLead')} />
      <CertNav />
      {done ? <SuccessAlert label={done} /> : null}
      {error ? <ProblemAlert error={error} /> : null}
      {aliases.error ? <ProblemAlert error={aliases.error} /> : null}
      {aliases.loading && !aliases.data ? (
        <Loading />
      ) : aliases.data?.items.length ? (
        <ScrollRegion label={t('cert.aliases')}>
          <table className="data-table">
            <caption>{t('cert.aliases')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cert.aliasKey')}</th>
                <th scope="col">CPE</th>
                <th scope="col">PURL</th>
                <th scope="col">{t('cert.aliasNames')}</th>
                <th scope="col">{t('cert.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {aliases.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.key}
                    {a.label ? ` (${a.label})` : ''}
                  </th>
                  <td className="mono">{a.cpes.join(', ') || '–'}</td>
                  <td className="mono">{a.purls.join(', ') || '–'}</td>
                  <td>{a.names.join(', ') || '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--danger button--small"
                      onClick={() => remove(a)}
                    >
                      {t('cert.delete')}
                      <span className="visually-hidden"> {a.key}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <Empty>{t('cert.noAliases')}</Empty>
      )}
      <section className="card" aria-labelledby="alias-new">
        <h2 id="alias-new">{t('cert.newAlias')}</h2>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <InputField
            id="alias-key"
            label={t('cert.aliasKey')}
            hint={t('cert.aliasKeyHint')}
            value={form.key}
            required
            error={errors.key}
            onChange={(v) => setForm({ ...form, key: v })}
          />
          <InputField
            id="alias-label"
            label={t('cert.aliasLabel')}
            value={form.label}
            error={errors.label}
            onChange={(v) => setForm({ ...form, label: v })}
          />
          <TextArea
            id="alias-cpes"
            label="CPE"
            hint={t('cert.onePerLine')}
            value={form.cpes}
            error={errors.cpes}
            onChange={(v) => setForm({ ...form, cpes: v })}
          />
          <TextArea
            id="alias-purls"
            label="PURL"
            hint={t('cert.onePerLine')}
            value={form.purls}
            error={errors.purls}
            onChange={(v) => setForm({ ...form, purls: v })}
          />
          <TextArea
            id="alias-names"
            label={t('cert.aliasNames')}
            hint={t('cert.onePerLine')}
            value={form.names}
            error={errors.names}
            onChange={(v) => setForm({ ...form, names: v })}
          />
          <Button type="submit" variant="primary">
            {t('cert.saveAlias')}
          </Button>
        </form>
      </section>
    </>
  );
}
