import type {
  CatalogGroupRow,
  CatalogRequirementRow,
  CatalogRow,
  MeasureTemplateRow,
} from '../../platform/db/schema.ts';
import type { StoredCatalogMetadata } from './rows.ts';
import type { CatalogDto, CatalogGroupDto, MeasureTemplateDto, RequirementDto } from './schemas.ts';

export type Lang = 'de' | 'en';

/** English where the catalog has it, German otherwise. */
const pick = (lang: Lang, de: string, en: string | null) => (lang === 'en' && en ? en : de);
const pickNullable = (lang: Lang, de: string | null, en: string | null) => (lang === 'en' && en ? en : de);

export function presentCatalog(row: CatalogRow): CatalogDto {
  const meta = row.metadata as Partial<StoredCatalogMetadata>;
  const oscal = (meta.metadata ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    title: row.title,
    titleEn: row.title_en,
    source: row.source,
    oscalUuid: typeof meta.uuid === 'string' ? meta.uuid : row.oscal_uuid,
    oscalVersion: typeof oscal['oscal-version'] === 'string' ? oscal['oscal-version'] : null,
    lastModified: typeof oscal['last-modified'] === 'string' ? oscal['last-modified'] : null,
    groupCount: row.group_count,
    requirementCount: row.requirement_count,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentGroup(
  row: CatalogGroupRow,
  depth: number,
  requirementCount: number,
  lang: Lang,
): CatalogGroupDto {
  return {
    id: row.id,
    key: row.group_key,
    parentId: row.parent_id,
    title: pick(lang, row.title, row.title_en),
    position: row.position,
    depth,
    requirementCount,
  };
}

export function presentMeasureTemplate(row: MeasureTemplateRow, lang: Lang): MeasureTemplateDto {
  return {
    id: row.id,
    key: row.template_key,
    type: row.type,
    title: pick(lang, row.title, row.title_en),
    description: pickNullable(lang, row.description, row.description_en),
  };
}

export function presentRequirement(
  row: Omit<CatalogRequirementRow, 'data'>,
  templates: readonly MeasureTemplateRow[],
  lang: Lang,
): RequirementDto {
  const references: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(row.references ?? {})) {
    if (Array.isArray(value)) references[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return {
    id: row.id,
    catalogId: row.catalog_id,
    key: row.requirement_key,
    groupId: row.group_id,
    parentId: row.parent_id,
    position: row.position,
    depth: row.depth,
    title: pick(lang, row.title, row.title_en),
    statement: pickNullable(lang, row.statement, row.statement_en),
    guidance: pickNullable(lang, row.guidance, row.guidance_en),
    level: row.level,
    levelRaw: row.level_raw,
    effort: row.effort,
    effortRaw: row.effort_raw,
    modalVerb: row.modal_verb,
    references,
    measureTemplates: templates.map((t) => presentMeasureTemplate(t, lang)),
  };
}
