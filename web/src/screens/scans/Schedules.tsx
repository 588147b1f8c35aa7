import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Button, InputField, SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { ChooseKommune, useScanKommune } from './kommune.tsx';
import {
  canEdit,
  fieldBinder,
  fieldErrors,
  formatScheduleTime,
  presetOf,
  SCHEDULE_PRESETS,
  type ScanRun,
  type ScanSchedule,
} from './model.ts';
import { AuthorisedTargets, RowButton, useKommuneItems } from './parts.tsx';
import { ScanNav } from './ScanNav.tsx';

const TARGET_KINDS = ['url', 'host', 'domain'] as const;
type TargetKind = (typeof TARGET_KINDS)[number];
const EMPTY = {
  name: '',
  kind: 'domain' as TargetKind,
  target: '',
  preset: 'daily' as string,
  cron: '0 2 * * *',
};
// Enough runs to find each schedule's latest one; schedules run at most hourly.
const RUNS_FOR_OUTCOME = 200;

/**
 * Scan schedules: targets scanned by cron. The server checks the expression (five fields, runs
 * at least an hour apart) and each target's authorisation, now and again at every start; a run
 * whose authorisation has lapsed is refused and shows here as the last outcome.
 */
export default function Schedules() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { kommune, picker, link } = useScanKommune();
  const editable = canEdit(me);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ScanSchedule | null>(null);
  const [deleting, setDeleting] = useState<ScanSchedule | null>(null);
  const [done, setDone] = useState('');
  const schedules = useKommuneItems<ScanSchedule>(kommune, 'scan-schedules');
  const runs = useKommuneItems<ScanRun>(kommune, `scan-runs?limit=${RUNS_FOR_OUTCOME}`);
  if (!kommune) return <ChooseKommune title={t('scans.schedules.title')} picker={picker} />;

  // Runs come newest first: the first one of a schedule is its last outcome.
  const lastRun = new Map<string, ScanRun>();
  for (const run of runs.data?.items ?? []) {
    if (run.scheduleId && !lastRun.has(run.scheduleId)) lastRun.set(run.scheduleId, run);
  }
  const errors = fieldErrors(error);
  const bind = fieldBinder(form, setForm, errors);
  const create = async () => {
    setError(null);
    setCreated(null);
    setDone('');
    setBusy(true);
    try {
      const schedule = await api.post<ScanSchedule>(`/organisations/${kommune.id}/scan-schedules`, {
        name: form.name,
        cron: form.cron,
        timezone: 'Europe/Berlin',
        targets: [{ [form.kind]: form.target }],
      });
      setCreated(schedule);
      setForm(EMPTY);
      schedules.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (schedule: ScanSchedule) => {
    setDeleting(null);
    setError(null);
    setCreated(null);
    try {
      await api.delete(`/scan-schedules/${schedule.id}`);
      setDone(t('scans.schedules.deleted', { name: schedule.name }));
      schedules.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const togglePause = async (schedule: ScanSchedule) => {
    setError(null);
    setCreated(null);
    const paused = schedule.pausedAt === null;
    try {
      await api.patch<ScanSchedule>(`/scan-schedules/${schedule.id}`, { paused });
      setDone(
        t(paused ? 'scans.schedules.pausedDone' : 'scans.schedules.resumedDone', { name: schedule.name }),
      );
      schedules.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const presetChoices = [
    ...SCHEDULE_PRESETS.map((p) => ({ value: p.key, label: t(`scans.schedules.presets.${p.key}`) })),
    { value: 'custom', label: t('scans.schedules.presets.custom') },
  ];
  const outcome = (s: ScanSchedule) => {
    const last = lastRun.get(s.id);
    if (!last) return s.lastRunAt ? formatDateTime(s.lastRunAt) : t('scans.schedules.notYet');
    return (
      <>
        <Link to={link(`/scans/laeufe/${last.id}`)}>{t(`scans.runs.states.${last.state}`)}</Link>
        {` (${formatDateTime(last.finishedAt ?? last.queuedAt)})`}
        {last.state === 'refused' || last.state === 'failed' ? (
          <>
            <br />
            {last.reason}
          </>
        ) : null}
      </>
    );
  };
  const columns: Column<ScanSchedule>[] = [
    { key: 'name', label: t('scans.schedules.name'), render: (s) => s.name },
    {
      key: 'targets',
      label: t('scans.schedules.targets'),
      render: (s) => s.targets.map((target) => Object.values(target).join(', ')).join('; '),
    },
    {
      key: 'when',
      label: t('scans.schedules.when'),
      render: (s) => {
        const preset = presetOf(s.cron);
        return (
          <>
            {preset ? `${t(`scans.schedules.presets.${preset}`)} ` : null}
            <code>{s.cron}</code>
          </>
        );
      },
    },
    {
      key: 'next',
      label: t('scans.schedules.nextRun'),
      render: (s) =>
        s.pausedAt
          ? t('scans.schedules.pausedSince', { date: formatDateTime(s.pausedAt), by: s.pausedBy ?? '' })
          : formatScheduleTime(s.nextRunAt, s.timezone, i18n.language),
    },
    { key: 'outcome', label: t('scans.schedules.lastOutcome'), render: outcome },
    ...(editable
      ? [
          {
            key: 'actions',
            label: t('scans.schedules.actions'),
            render: (s: ScanSchedule) => (
              <span>
                <RowButton name={s.name} onClick={() => void togglePause(s)}>
                  {t(s.pausedAt ? 'scans.schedules.resume' : 'scans.schedules.pause')}
                </RowButton>{' '}
                <RowButton danger name={s.name} onClick={() => setDeleting(s)}>
                  {t('scans.schedules.delete')}
                </RowButton>
              </span>
            ),
          },
        ]
      : []),
  ];
  const items = schedules.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('scans.schedules.title')} lead={t('scans.schedules.lead')} />
      <ScanNav />
      {picker}
      {created ? (
        <SuccessAlert label={t('scans.schedules.created', { name: created.name })}>
          <p>
            {t('scans.schedules.nextRunIs', {
              date: formatScheduleTime(created.nextRunAt, created.timezone, i18n.language),
            })}
          </p>
        </SuccessAlert>
      ) : null}
      {done ? <SuccessAlert label={done} /> : null}
      {schedules.error ? <ProblemAlert error={schedules.error} /> : null}
      {runs.error ? <ProblemAlert error={runs.error} title={t('scans.schedules.runsFailed')} /> : null}
      {schedules.loading && !schedules.data ? (
        <Loading />
      ) : items.length === 0 ? (
        schedules.data ? (
          <Empty>{t('scans.schedules.none')}</Empty>
        ) : null
      ) : (
        <SortableTable
          caption={t('scans.schedules.caption', {
            count: items.length,
            formatted: formatNumber(items.length),
          })}
          columns={columns}
          rows={items}
          rowKey={(s) => s.id}
        />
      )}
      {editable ? (
        <section className="card" aria-labelledby="schedule-new">
          <h2 id="schedule-new">{t('scans.schedules.new')}</h2>
          <p>{t('scans.schedules.rule')}</p>
          <AuthorisedTargets organisationId={kommune.id} />
          {error ? <ProblemAlert error={error} /> : null}
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              void create();
            }}
          >
            <InputField
              id="schedule-name"
              label={t('scans.schedules.name')}
              hint={t('scans.schedules.nameHint')}
              required
              {...bind('name')}
            />
            <SelectInput
              id="schedule-kind"
              label={t('scans.runs.targetKind')}
              options={TARGET_KINDS.map((k) => ({ value: k, label: t(`scans.runs.kinds.${k}`) }))}
              {...bind('kind')}
            />
            <InputField
              id="schedule-target"
              label={t('scans.runs.target')}
              required
              {...bind('target')}
              error={errors[`targets.0.${form.kind}`] ?? errors['targets.0']}
            />
            <SelectInput
              id="schedule-preset"
              label={t('scans.schedules.preset')}
              value={form.preset}
              options={presetChoices}
              onChange={(v) => {
                const preset = SCHEDULE_PRESETS.find((p) => p.key === v);
                setForm({ ...form, preset: v, cron: preset ? preset.cron : form.cron });
              }}
            />
            <InputField
              id="schedule-cron"
              label={t('scans.schedules.cron')}
              hint={t('scans.schedules.cronHint')}
              value={form.cron}
              required
              error={errors.cron ?? errors.timezone}
              onChange={(v) => setForm({ ...form, cron: v, preset: presetOf(v) ?? 'custom' })}
            />
            <div className="actions">
              <Button type="submit" variant="primary" busy={busy}>
                {t('scans.schedules.create')}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('scans.schedules.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('scans.schedules.delete')}
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      >
        <p>{t('scans.schedules.deleteText')}</p>
      </ConfirmDialog>
    </>
  );
}
