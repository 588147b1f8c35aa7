import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { Button, InputField, RadioGroup, SelectInput, TextArea } from '../../ui/controls.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { TLP_LABELS } from '../../ui/Tlp.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { fieldErrors, isoToLocal, localToIso } from '../scans/model.ts';
import { CATEGORIES, OBSERVABLE_TYPES, type Observable, PAP_LABELS, type Report } from './model.ts';

/** The form's own shape: times as datetime-local text, numbers and lists as typed text. */
export interface ReportDraft {
  title: string;
  category: Report['category'];
  description: string;
  startedAt: string;
  detectedAt: string;
  awareAt: string;
  availability: boolean;
  integrity: boolean;
  confidentiality: boolean;
  affectedServices: string;
  citizensAffected: string;
  durationMinutes: string;
  ongoing: boolean;
  suspectedMalicious: boolean;
  impactOnOtherOrganisations: boolean;
  otherOrganisationsDetail: string;
  personalData: boolean;
  observables: Observable[];
  measuresTaken: string;
  tlp: Report['tlp'];
  pap: Report['pap'];
  namedRecipientUserIds: string[];
}

export function emptyDraft(): ReportDraft {
  const now = isoToLocal(new Date());
  return {
    title: '',
    category: 'malware',
    description: '',
    startedAt: '',
    detectedAt: now,
    awareAt: now,
    availability: false,
    integrity: false,
    confidentiality: false,
    affectedServices: '',
    citizensAffected: '',
    durationMinutes: '',
    ongoing: false,
    suspectedMalicious: false,
    impactOnOtherOrganisations: false,
    otherOrganisationsDetail: '',
    personalData: false,
    observables: [],
    measuresTaken: '',
    tlp: 'AMBER',
    pap: 'AMBER',
    namedRecipientUserIds: [],
  };
}

export function draftFromReport(r: Report): ReportDraft {
  return {
    title: r.title,
    category: r.category,
    description: r.description,
    startedAt: r.startedAt ? isoToLocal(r.startedAt) : '',
    detectedAt: isoToLocal(r.detectedAt),
    awareAt: isoToLocal(r.awareAt),
    availability: r.impact.availability,
    integrity: r.impact.integrity,
    confidentiality: r.impact.confidentiality,
    affectedServices: r.impact.affectedServices.join('\n'),
    citizensAffected: r.impact.citizensAffected === null ? '' : String(r.impact.citizensAffected),
    durationMinutes: r.impact.durationMinutes === null ? '' : String(r.impact.durationMinutes),
    ongoing: r.impact.ongoing,
    suspectedMalicious: r.suspectedMalicious,
    impactOnOtherOrganisations: r.impactOnOtherOrganisations,
    otherOrganisationsDetail: r.otherOrganisationsDetail ?? '',
    personalData: r.personalData,
    observables: r.observables,
    measuresTaken: r.measuresTaken ?? '',
    tlp: r.tlp,
    pap: r.pap,
    namedRecipientUserIds: r.namedRecipientUserIds,
  };
}

const int = (s: string) => (s.trim() === '' ? null : Number.parseInt(s, 10));

export function reportFromDraft(d: ReportDraft): unknown {
  return {
    title: d.title,
    category: d.category,
    description: d.description,
    startedAt: localToIso(d.startedAt),
    detectedAt: localToIso(d.detectedAt) ?? d.detectedAt,
    awareAt: localToIso(d.awareAt) ?? d.awareAt,
    impact: {
      availability: d.availability,
      integrity: d.integrity,
      confidentiality: d.confidentiality,
      affectedServices: d.affectedServices
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      citizensAffected: int(d.citizensAffected),
      durationMinutes: int(d.durationMinutes),
      ongoing: d.ongoing,
    },
    suspectedMalicious: d.suspectedMalicious,
    impactOnOtherOrganisations: d.impactOnOtherOrganisations,
    otherOrganisationsDetail: d.impactOnOtherOrganisations ? d.otherOrganisationsDetail || null : null,
    personalData: d.personalData,
    observables: d.observables.map((o) => ({ ...o, comment: o.comment || undefined })),
    measuresTaken: d.measuresTaken || null,
    tlp: d.tlp,
    pap: d.pap,
    namedRecipientUserIds: d.tlp === 'RED' ? d.namedRecipientUserIds : [],
  };
}

/**
 * The incident report in parts (what, when, impact, personal data, observables, measures,
 * handling). Server field errors appear at their fields; the summary above names them all.
 */
export function ReportForm({
  draft,
  onChange,
  error,
  organisationId,
}: {
  draft: ReportDraft;
  onChange(patch: Partial<ReportDraft>): void;
  error: unknown;
  organisationId?: string | undefined;
}) {
  const { t } = useTranslation();
  const errors = fieldErrors(error);
  const e = (path: string) => errors[`report.${path}`];
  const [recipientsWanted, setRecipientsWanted] = useState(draft.tlp === 'RED');
  const recipients = useAsync(
    () =>
      recipientsWanted
        ? api.get<{ people: { id: string; name: string; organisation: 'kommune' | 'cert' }[] }>(
            `/incident-recipients${organisationId ? `?organisationId=${organisationId}` : ''}`,
          )
        : Promise.resolve({ people: [] }),
    [recipientsWanted, organisationId],
  );
  const setObservable = (index: number, patch: Partial<Observable>) =>
    onChange({ observables: draft.observables.map((o, i) => (i === index ? { ...o, ...patch } : o)) });

  return (
    <>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.what')}</h2>
        </legend>
        <InputField
          id="report-title"
          label={t('incidents.title')}
          value={draft.title}
          required
          error={e('title')}
          onChange={(v) => onChange({ title: v })}
        />
        <SelectInput
          id="report-category"
          label={t('incidents.category')}
          value={draft.category}
          error={e('category')}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`incidents.categories.${c}`) }))}
          onChange={(v) => onChange({ category: v })}
        />
        <TextArea
          id="report-description"
          label={t('incidents.description')}
          value={draft.description}
          rows={5}
          required
          error={e('description')}
          onChange={(v) => onChange({ description: v })}
        />
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.when')}</h2>
        </legend>
        <InputField
          id="report-started"
          type="datetime-local"
          label={t('incidents.startedAt')}
          hint={t('incidents.form.startedHint')}
          value={draft.startedAt}
          error={e('startedAt')}
          onChange={(v) => onChange({ startedAt: v })}
        />
        <InputField
          id="report-detected"
          type="datetime-local"
          label={t('incidents.detectedAt')}
          value={draft.detectedAt}
          required
          error={e('detectedAt')}
          onChange={(v) => onChange({ detectedAt: v })}
        />
        <InputField
          id="report-aware"
          type="datetime-local"
          label={t('incidents.awareAt')}
          hint={t('incidents.form.awareHint')}
          value={draft.awareAt}
          required
          error={e('awareAt')}
          onChange={(v) => onChange({ awareAt: v })}
        />
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.impact')}</h2>
        </legend>
        <Checkbox
          id="impact-availability"
          label={t('incidents.impact.availability')}
          checked={draft.availability}
          onChange={(v) => onChange({ availability: v })}
        />
        <Checkbox
          id="impact-integrity"
          label={t('incidents.impact.integrity')}
          checked={draft.integrity}
          onChange={(v) => onChange({ integrity: v })}
        />
        <Checkbox
          id="impact-confidentiality"
          label={t('incidents.impact.confidentiality')}
          checked={draft.confidentiality}
          onChange={(v) => onChange({ confidentiality: v })}
        />
        <TextArea
          id="impact-services"
          label={t('incidents.impact.services')}
          hint={t('incidents.form.onePerLine')}
          value={draft.affectedServices}
          error={e('impact.affectedServices')}
          onChange={(v) => onChange({ affectedServices: v })}
        />
        <InputField
          id="impact-citizens"
          type="number"
          inputMode="numeric"
          label={t('incidents.impact.citizens')}
          value={draft.citizensAffected}
          error={e('impact.citizensAffected')}
          onChange={(v) => onChange({ citizensAffected: v })}
        />
        <InputField
          id="impact-duration"
          type="number"
          inputMode="numeric"
          label={t('incidents.impact.duration')}
          value={draft.durationMinutes}
          error={e('impact.durationMinutes')}
          onChange={(v) => onChange({ durationMinutes: v })}
        />
        <Checkbox
          id="impact-ongoing"
          label={t('incidents.impact.ongoing')}
          checked={draft.ongoing}
          onChange={(v) => onChange({ ongoing: v })}
        />
        <Checkbox
          id="report-malicious"
          label={t('incidents.suspectedMalicious')}
          checked={draft.suspectedMalicious}
          onChange={(v) => onChange({ suspectedMalicious: v })}
        />
        <Checkbox
          id="report-others"
          label={t('incidents.otherOrganisations')}
          checked={draft.impactOnOtherOrganisations}
          onChange={(v) => onChange({ impactOnOtherOrganisations: v })}
        />
        {draft.impactOnOtherOrganisations ? (
          <TextArea
            id="report-others-detail"
            label={t('incidents.otherOrganisationsDetail')}
            value={draft.otherOrganisationsDetail}
            error={e('otherOrganisationsDetail')}
            onChange={(v) => onChange({ otherOrganisationsDetail: v })}
          />
        ) : null}
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.personalData')}</h2>
        </legend>
        <Checkbox
          id="report-personal"
          label={t('incidents.personalData')}
          checked={draft.personalData}
          onChange={(v) => onChange({ personalData: v })}
        />
        {draft.personalData ? (
          <div className="notice" role="note">
            <p>
              <strong>{t('incidents.dataProtectionTitle')}</strong>
            </p>
            <p>{t('incidents.dataProtectionReminder')}</p>
          </div>
        ) : null}
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.observables')}</h2>
        </legend>
        <p className="field__hint">{t('incidents.form.observablesHint')}</p>
        {draft.observables.map((o, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <fieldset key={index} className="observable-row">
            <legend>{t('incidents.observable', { number: index + 1 })}</legend>
            <SelectInput
              id={`observable-${index}-type`}
              label={t('incidents.observableType')}
              value={o.type}
              options={OBSERVABLE_TYPES.map((x) => ({
                value: x,
                label: t(`incidents.observableTypes.${x}`),
              }))}
              onChange={(v) => setObservable(index, { type: v })}
            />
            <InputField
              id={`observable-${index}-value`}
              label={t('incidents.observableValue')}
              value={o.value}
              required
              error={e(`observables.${index}.value`)}
              onChange={(v) => setObservable(index, { value: v })}
            />
            <Checkbox
              id={`observable-${index}-detection`}
              label={t('incidents.forDetection')}
              checked={o.forDetection}
              onChange={(v) => setObservable(index, { forDetection: v })}
            />
            <InputField
              id={`observable-${index}-comment`}
              label={t('incidents.observableComment')}
              value={o.comment ?? ''}
              onChange={(v) => setObservable(index, { comment: v })}
            />
            <Button
              variant="secondary"
              onClick={() => onChange({ observables: draft.observables.filter((_, i) => i !== index) })}
            >
              {t('incidents.removeObservable', { number: index + 1 })}
            </Button>
          </fieldset>
        ))}
        <Button
          onClick={() =>
            onChange({ observables: [...draft.observables, { type: 'ip', value: '', forDetection: true }] })
          }
        >
          {t('incidents.addObservable')}
        </Button>
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.measures')}</h2>
        </legend>
        <TextArea
          id="report-measures"
          label={t('incidents.measuresTaken')}
          value={draft.measuresTaken}
          rows={4}
          error={e('measuresTaken')}
          onChange={(v) => onChange({ measuresTaken: v })}
        />
      </fieldset>
      <fieldset className="card">
        <legend>
          <h2>{t('incidents.form.handling')}</h2>
        </legend>
        <RadioGroup
          id="report-tlp"
          legend={t('incidents.tlp')}
          hint={t('incidents.form.tlpHint')}
          value={draft.tlp}
          error={e('tlp') ?? e('namedRecipientUserIds')}
          choices={TLP_LABELS.map((l) => ({ value: l, label: `TLP:${l}` }))}
          onChange={(v) => {
            onChange({ tlp: v });
            if (v === 'RED') setRecipientsWanted(true);
          }}
        />
        {draft.tlp === 'RED' ? (
          <fieldset className="choice-group">
            <legend>{t('incidents.namedRecipients')}</legend>
            {recipients.error ? <ProblemAlert error={recipients.error} /> : null}
            {(recipients.data?.people ?? []).map((p) => (
              <Checkbox
                key={p.id}
                id={`recipient-${p.id}`}
                label={`${p.name} (${t(`incidents.recipientSide.${p.organisation}`)})`}
                checked={draft.namedRecipientUserIds.includes(p.id)}
                onChange={(checked) =>
                  onChange({
                    namedRecipientUserIds: checked
                      ? [...draft.namedRecipientUserIds, p.id]
                      : draft.namedRecipientUserIds.filter((x) => x !== p.id),
                  })
                }
              />
            ))}
          </fieldset>
        ) : null}
        <SelectInput
          id="report-pap"
          label={t('incidents.pap')}
          hint={t('incidents.form.papHint')}
          value={draft.pap}
          error={e('pap')}
          options={PAP_LABELS.map((l) => ({ value: l, label: `PAP:${l}` }))}
          onChange={(v) => onChange({ pap: v })}
        />
      </fieldset>
    </>
  );
}
