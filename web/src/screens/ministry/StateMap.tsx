import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { compareText, formatPercent } from '../../format.ts';
import {
  type BoundaryCollection,
  type BoundaryFeature,
  ChoroplethMap,
  type MapArea,
  MapAttribution,
} from '../../ui/ChoroplethMap.tsx';
import { RadioGroup, ScrollRegion } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ScoreLegend } from '../../ui/ScoreLegend.tsx';
import { InfoAlert, Loading, ProblemAlert } from '../../ui/states.tsx';
import { TileGrid, type TileGroup } from '../../ui/TileGrid.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { oneOf, useQueryParams } from '../../ui/useQueryParams.ts';
import { kommunePath, MAX_LIMIT, type MunicipalitiesPage, type MunicipalityOverview } from './model.ts';
import { AssessmentState, areaLabel, ViewTabs } from './parts.tsx';

const LEVELS = ['gemeinden', 'kreise'] as const;
const VIEWS = ['karte', 'kacheln'] as const;

/**
 * The state map coloured by each Kommune's overall score. Two levels: the municipalities (with
 * the kreisfreie Städte, Landkreis borders drawn over them) or the Landkreise and kreisfreie
 * Städte. Without imported boundaries (or on request) the same colours as a tile grid grouped by
 * district. A table with the same figures follows; level and view live in the URL.
 */
export default function StateMap() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update } = useQueryParams();
  const level = oneOf(params.get('ebene'), LEVELS, 'gemeinden');
  const requestedView = oneOf(params.get('ansicht'), VIEWS, 'karte');

  const data = useAsync(async () => {
    const [overview, municipalities, districts] = await Promise.all([
      api.get<MunicipalitiesPage>(`/overview/municipalities?limit=${MAX_LIMIT}`),
      api.get<BoundaryCollection>('/organisations/boundaries?type=municipality'),
      api.get<BoundaryCollection>('/organisations/boundaries?type=district'),
    ]);
    return { overview, municipalities, districts };
  }, []);

  const model = useMemo(() => {
    if (!data.data) return null;
    const { overview, municipalities, districts } = data.data;
    const byId = new Map(overview.items.map((item) => [item.organisationId, item]));
    const withChildren = new Set(
      overview.items
        .filter((item) => item.type !== 'district' && item.district)
        .map((item) => item.district!.id),
    );
    // Kreisfreie Städte have no municipalities below them: on the municipal level they are areas.
    const municipalLevel: BoundaryFeature[] = [
      ...municipalities.features,
      ...districts.features.filter((f) => !withChildren.has(f.properties.organisationId)),
    ];
    const landkreise = districts.features.filter((f) => withChildren.has(f.properties.organisationId));
    const attributions = [...new Set([...municipalities.attributions, ...districts.attributions])];
    return {
      overview,
      byId,
      municipalLevel,
      municipalCount: municipalities.features.length,
      landkreise,
      districts: districts.features,
      attributions,
    };
  }, [data.data]);

  const hasGeometry = Boolean(model && (model.municipalLevel.length > 0 || model.districts.length > 0));
  const effectiveLevel = model && level === 'gemeinden' && model.municipalCount === 0 ? 'kreise' : level;
  const view = hasGeometry ? requestedView : 'kacheln';

  const areaOf = (organisationId: string): MapArea | undefined => {
    const item = model?.byId.get(organisationId);
    if (!item) return undefined;
    return {
      label: areaLabel(item.name, item.score?.overall, item.assessment !== null, t),
      score: item.score?.overall ?? null,
      href: kommunePath(item.organisationId),
    };
  };

  const areas = model ? (effectiveLevel === 'kreise' ? model.districts : model.municipalLevel) : [];
  const tableRows: MunicipalityOverview[] = useMemo(() => {
    if (!model) return [];
    const shown =
      view === 'kacheln'
        ? model.overview.items
        : areas.map((f) => model.byId.get(f.properties.organisationId)).filter((x) => x !== undefined);
    return shown.slice().sort((a, b) => compareText(a.name, b.name));
  }, [model, view, areas]);

  const tileGroups: TileGroup[] = useMemo(() => {
    if (!model) return [];
    const groups = new Map<string, TileGroup>();
    const sorted = model.overview.items
      .slice()
      // The district itself first, then its municipalities by name.
      .sort(
        (a, b) =>
          Number(b.type === 'district') - Number(a.type === 'district') || compareText(a.name, b.name),
      );
    for (const item of sorted) {
      const key = item.type === 'district' ? item.organisationId : (item.district?.id ?? 'none');
      const title =
        item.type === 'district' ? item.name : (item.district?.name ?? t('ministry.map.noDistrict'));
      const group = groups.get(key) ?? { key, title, tiles: [] };
      group.tiles.push({
        id: item.organisationId,
        name: item.name,
        score: item.score?.overall ?? null,
        href: kommunePath(item.organisationId),
      });
      groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => compareText(a.title, b.title));
  }, [model, t]);

  return (
    <>
      <PageHeading title={t('ministry.map.title')} lead={t('ministry.map.lead')} />
      <ViewTabs />
      {data.error ? <ProblemAlert error={data.error} /> : null}
      {data.loading && !model ? <Loading /> : null}
      {model ? (
        <>
          {!hasGeometry ? (
            <InfoAlert label={t('ministry.map.noGeometry')}>
              <p>{t('ministry.map.noGeometryText')}</p>
            </InfoAlert>
          ) : (
            <form
              className="filters"
              aria-label={t('ministry.map.options')}
              onSubmit={(e) => e.preventDefault()}
            >
              <RadioGroup
                id="ansicht"
                legend={t('ministry.map.view')}
                value={view}
                choices={[
                  { value: 'karte', label: t('ministry.map.viewMap') },
                  { value: 'kacheln', label: t('ministry.map.viewTiles') },
                ]}
                onChange={(value) => update({ ansicht: value === 'karte' ? null : value })}
              />
              {view === 'karte' ? (
                <RadioGroup
                  id="ebene"
                  legend={t('ministry.map.level')}
                  value={effectiveLevel}
                  choices={[
                    { value: 'gemeinden', label: t('ministry.map.levelMunicipalities') },
                    { value: 'kreise', label: t('ministry.map.levelDistricts') },
                  ]}
                  onChange={(value) => update({ ebene: value === 'gemeinden' ? null : value })}
                />
              ) : null}
            </form>
          )}
          <section aria-labelledby="karte-titel" className="card">
            <h2 id="karte-titel">
              {view === 'karte'
                ? effectiveLevel === 'kreise'
                  ? t('ministry.map.headingDistricts')
                  : t('ministry.map.headingMunicipalities')
                : t('ministry.map.headingTiles')}
            </h2>
            <p>
              <a href="#karte-tabelle">{t('ministry.map.skip')}</a>
            </p>
            <ScoreLegend title={t('ministry.legend.title')} />
            {view === 'karte' ? (
              <>
                <ChoroplethMap
                  title={t('ministry.map.svgTitle', { count: areas.length })}
                  features={areas}
                  outlines={effectiveLevel === 'gemeinden' ? model.landkreise : []}
                  areaOf={areaOf}
                  onOpen={(href) => navigate(href)}
                  hint={t('ministry.map.hint')}
                />
                <MapAttribution attributions={model.attributions} label={t('ministry.map.attribution')} />
              </>
            ) : (
              <TileGrid groups={tileGroups} noScoreLabel={t('ministry.legend.none')} />
            )}
          </section>
          <h2 id="karte-tabelle" tabIndex={-1}>
            {t('ministry.map.tableHeading')}
          </h2>
          <ScrollRegion label={t('ministry.map.tableHeading')}>
            <table className="data-table">
              <caption>{t('ministry.map.tableCaption', { count: tableRows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ministry.columns.name')}</th>
                  <th scope="col">{t('ministry.columns.district')}</th>
                  <th scope="col">{t('ministry.columns.status')}</th>
                  <th scope="col" className="num">
                    {t('ministry.columns.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tableRows.map((row) => (
                  <tr key={row.organisationId}>
                    <th scope="row">
                      <Link to={kommunePath(row.organisationId)}>{row.name}</Link>
                    </th>
                    <td>{row.type === 'district' ? (row.subtype ?? '–') : (row.district?.name ?? '–')}</td>
                    <td>
                      <AssessmentState row={row} />
                    </td>
                    <td className="num">
                      {row.score?.overall === null || row.score?.overall === undefined
                        ? '–'
                        : formatPercent(row.score.overall)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      ) : null}
    </>
  );
}
