import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me, type Organisation, type Page } from '../../api.ts';
import { compareText } from '../../format.ts';
import { hasRole, useMe } from '../../session.tsx';
import { PAGE_PARAM } from '../../ui/FilteredList.tsx';
import { type KommuneOption, KommunePicker } from '../../ui/KommunePicker.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { InfoAlert, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { useQueryParams } from '../../ui/useQueryParams.ts';
import { ORG_PARAM } from './model.ts';
import { ScanNav } from './ScanNav.tsx';

/** Roles that look at the scans of many Kommunen (as far as the API lets them read). */
const OVERSEERS = ['admin', 'programme_manager', 'auditor'] as const;

const ownKommunen = (me: Me) =>
  me.memberships
    .filter((m) => m.role === 'isb' || m.role === 'member')
    .map((m): Kommune => ({ id: m.organisationId, name: m.organisationName, label: m.organisationName }));

// One list per signed-in user while the app runs: the scan screens share it.
let cached: { userId: string; promise: Promise<Kommune[]> } | null = null;

type Kommune = KommuneOption & { name: string };

async function loadKommunen(): Promise<Kommune[]> {
  const [districts, municipalities] = await Promise.all([
    api.get<Page<Organisation>>('/organisations?type=district&limit=500'),
    api.get<Page<Organisation>>('/organisations?type=municipality&limit=500'),
  ]);
  const districtNames = new Map(districts.items.map((d) => [d.id, d.name]));
  return [...districts.items, ...municipalities.items]
    .map((o) => {
      const district = o.type === 'municipality' && o.parentId ? districtNames.get(o.parentId) : undefined;
      return { id: o.id, name: o.name, label: district ? `${o.name} (${district})` : o.name };
    })
    .sort((a, b) => compareText(a.label, b.label));
}

function kommunenOf(me: Me): Promise<Kommune[]> {
  if (!cached || cached.userId !== me.user.id) {
    const promise = loadKommunen();
    // A failed load is tried again on the next screen rather than kept.
    promise.catch(() => {
      if (cached?.promise === promise) cached = null;
    });
    cached = { userId: me.user.id, promise };
  }
  return cached.promise;
}

/** A path of the scan area with the chosen Kommune (`org`) of the current URL kept. */
export function useOrgLink(): (path: string) => string {
  const org = useQueryParams().params.get(ORG_PARAM);
  return useCallback(
    (path: string) =>
      org ? `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ [ORG_PARAM]: org })}` : path,
    [org],
  );
}

export interface ScanKommune {
  /** The Kommune the screen shows; null when the caller must choose one first. */
  kommune: { id: string; name: string } | null;
  /** The picker for callers who may see several Kommunen; null for the ISB of one Kommune. */
  picker: ReactNode;
  /** A path of the scan area with the chosen Kommune kept. */
  link(path: string): string;
}

/**
 * Which Kommune the scan screens show. ISB and members of one Kommune see theirs without a
 * choice; the ministry, admins, auditors and people in several Kommunen pick one (kept in `org`).
 * `allLabel` makes "no Kommune" a choice of its own (the findings list across Kommunen).
 */
export function useScanKommune({ allLabel }: { allLabel?: string } = {}): ScanKommune {
  const me = useMe();
  const { t } = useTranslation();
  const { params, update } = useQueryParams();
  const own = ownKommunen(me);
  const overseer = hasRole(me, ...OVERSEERS);
  const many = overseer || own.length > 1;
  const options = useAsync(() => (overseer ? kommunenOf(me) : Promise.resolve(own)), [overseer, me.user.id]);
  const org = params.get(ORG_PARAM) ?? '';
  const link = useOrgLink();
  if (!many) {
    const only = own[0];
    return { kommune: only ? { id: only.id, name: only.name } : null, picker: null, link };
  }
  const list = options.data ?? [];
  const chosenId = org || (allLabel ? '' : (own[0]?.id ?? ''));
  const chosen = chosenId
    ? {
        id: chosenId,
        name: (list.find((o) => o.id === chosenId) ?? own.find((o) => o.id === chosenId))?.name ?? '',
      }
    : null;
  const picker = (
    <>
      <KommunePicker
        options={list}
        value={chosenId}
        loading={options.loading}
        {...(allLabel ? { allLabel } : {})}
        onChange={(id) => update({ [ORG_PARAM]: id, [PAGE_PARAM]: null })}
      />
      {options.error ? <ProblemAlert error={options.error} title={t('kommunePicker.loadFailed')} /> : null}
    </>
  );
  return { kommune: chosen, picker, link };
}

/** A scan screen before a Kommune is chosen: heading, navigation and the picker. */
export function ChooseKommune({ title, picker }: { title: string; picker: ReactNode }) {
  const { t } = useTranslation();
  if (!picker) return <ProblemAlert error={new Error(t('scans.noKommune'))} />;
  return (
    <>
      <PageHeading title={title} />
      <ScanNav />
      {picker}
      <InfoAlert label={t('kommunePicker.chooseFirst')} />
    </>
  );
}
