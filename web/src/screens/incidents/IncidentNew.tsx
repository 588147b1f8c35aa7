import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useDraft } from '../../drafts.ts';
import { useMe } from '../../session.tsx';
import { Button, RadioGroup } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { kommuneOf } from '../scans/model.ts';
import type { Incident } from './model.ts';
import { emptyDraft, type ReportDraft, ReportForm, reportFromDraft } from './ReportForm.tsx';

/** A new incident report: its first submission is the early warning or directly the notification. */
export default function IncidentNew() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const kommune = kommuneOf(me);
  const [stored, setStored, clearStored] = useDraft('incident-new', { json: '', kind: 'early_warning' });
  const draft: ReportDraft = stored.json ? (JSON.parse(stored.json) as ReportDraft) : emptyDraft();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const incident = await api.post<Incident>('/incidents', {
        ...(kommune ? { organisationId: kommune.id } : {}),
        kind: stored.kind,
        report: reportFromDraft(draft),
      });
      clearStored();
      navigate(`/vorfaelle/${incident.id}`);
    } catch (caught) {
      setError(caught);
      window.setTimeout(() => document.querySelector<HTMLElement>('.form-errors')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <nav aria-label={t('incidents.breadcrumb')} className="breadcrumbs">
        <Link to="/vorfaelle">{t('incidents.pageTitle')}</Link>
      </nav>
      <PageHeading title={t('incidents.newTitle')} lead={t('incidents.newLead')} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {error ? (
          <div className="form-errors" tabIndex={-1}>
            <ProblemAlert error={error} />
          </div>
        ) : null}
        <ReportForm
          draft={draft}
          error={error}
          organisationId={kommune?.id}
          onChange={(patch) => setStored({ json: JSON.stringify({ ...draft, ...patch }) })}
        />
        <RadioGroup
          id="submission-kind"
          legend={t('incidents.firstSubmission')}
          value={stored.kind as 'early_warning' | 'notification'}
          choices={[
            { value: 'early_warning', label: t('incidents.kinds.early_warning') },
            { value: 'notification', label: t('incidents.kinds.notification') },
          ]}
          hint={t('incidents.firstSubmissionHint')}
          onChange={(v) => setStored({ kind: v })}
        />
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('incidents.submitReport')}
          </Button>
          <Link to="/vorfaelle">{t('incidents.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
