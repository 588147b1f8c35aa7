/**
 * OSCAL 1.2 mapping collections (control mappings such as IT-Grundschutz 2023 → Grundschutz++ or
 * ISO/IEC 27001 Annex A → Grundschutz++): structural schema, model and the flattening into
 * cross-references, one per (map, source, target) triple.
 */
import { z } from 'zod';
import {
  type BackMatter,
  backMatterSchema,
  linkSchema,
  metadataSchema,
  type OscalMetadata,
  propSchema,
} from './model.ts';

const mappingItemSchema = z.looseObject({
  type: z.string(),
  'id-ref': z.string(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
});
export type MappingItem = z.infer<typeof mappingItemSchema>;

const mapSchema = z.looseObject({
  uuid: z.string().optional(),
  relationship: z.string(),
  sources: z.array(mappingItemSchema).min(1),
  targets: z.array(mappingItemSchema).min(1),
  'matching-rationale': z.string().optional(),
  props: z.array(propSchema).optional(),
});
export type MappingMap = z.infer<typeof mapSchema>;

const resourceReferenceSchema = z.looseObject({
  href: z.string(),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  props: z.array(propSchema).optional(),
});
export type MappingResourceReference = z.infer<typeof resourceReferenceSchema>;

const mappingSchema = z.looseObject({
  uuid: z.string().optional(),
  method: z.string().optional(),
  'matching-rationale': z.string().optional(),
  status: z.string().optional(),
  'source-resource': resourceReferenceSchema,
  'target-resource': resourceReferenceSchema,
  maps: z.array(mapSchema),
});
export type Mapping = z.infer<typeof mappingSchema>;

export const mappingCollectionJsonSchema = z.looseObject({
  uuid: z.string().min(1),
  metadata: metadataSchema,
  provenance: z.looseObject({}).optional(),
  // The 1.2.1 JSON schema allows a single mapping object as well as an array.
  mappings: z.union([mappingSchema, z.array(mappingSchema).min(1)]),
  'back-matter': backMatterSchema.optional(),
});
export type MappingCollectionJson = z.infer<typeof mappingCollectionJsonSchema>;

export const mappingCollectionDocumentSchema = z.looseObject({
  'mapping-collection': mappingCollectionJsonSchema,
});

export interface MappingCollectionModel {
  uuid: string;
  metadata: OscalMetadata;
  provenance?: Record<string, unknown>;
  /** Always an array (a single mapping object in the source is wrapped, see `singleMappingObject`). */
  mappings: Mapping[];
  /** True when the source had `mappings` as one object rather than an array (allowed by 1.2.1). */
  singleMappingObject?: boolean;
  backMatter?: BackMatter;
  /** Unknown fields of the `mapping-collection` object, raw. */
  extra?: Record<string, unknown>;
  /** Fields of the document root other than `mapping-collection` (e.g. `$schema`), raw. */
  rootExtra?: Record<string, unknown>;
}

/** One source → target relation. */
export interface CrossReference {
  /** href of the mapping's source-resource (the source catalog, e.g. `itgs-source-catalog.json`). */
  sourceCatalog: string;
  /** href of the mapping's target-resource. */
  targetCatalog: string;
  sourceId: string;
  targetId: string;
  /** `control` or `statement`. */
  sourceType: string;
  targetType: string;
  /** e.g. equivalent-to, equal-to, subset-of, superset-of, intersects-with. */
  relationship: string;
  mappingUuid?: string;
  mapUuid?: string;
  /** Mapping status (draft, complete, …) if given. */
  status?: string;
  /** JSON pointer of the map entry in the mapping collection document. */
  pointer: string;
}

export function mappingCollectionFromJson(
  json: MappingCollectionJson,
  rootExtra?: Record<string, unknown>,
): MappingCollectionModel {
  const { uuid, metadata, provenance, mappings, 'back-matter': backMatter, ...extra } = json;
  const model: MappingCollectionModel = {
    uuid,
    metadata,
    mappings: Array.isArray(mappings) ? mappings : [mappings],
  };
  if (!Array.isArray(mappings)) model.singleMappingObject = true;
  if (provenance !== undefined) model.provenance = provenance;
  if (backMatter !== undefined) model.backMatter = backMatter;
  if (Object.keys(extra).length > 0) model.extra = extra;
  if (rootExtra !== undefined && Object.keys(rootExtra).length > 0) model.rootExtra = rootExtra;
  return model;
}

/** Cross-references of a mapping collection: every source × target pair of every map. */
export function crossReferences(collection: MappingCollectionModel): CrossReference[] {
  const out: CrossReference[] = [];
  const provenanceStatus =
    typeof collection.provenance?.status === 'string' ? (collection.provenance.status as string) : undefined;
  collection.mappings.forEach((mapping, m) => {
    const status = mapping.status ?? provenanceStatus;
    const base = collection.singleMappingObject
      ? '/mapping-collection/mappings'
      : `/mapping-collection/mappings/${m}`;
    mapping.maps.forEach((map, i) => {
      const pointer = `${base}/maps/${i}`;
      for (const source of map.sources) {
        for (const target of map.targets) {
          const ref: CrossReference = {
            sourceCatalog: mapping['source-resource'].href,
            targetCatalog: mapping['target-resource'].href,
            sourceId: source['id-ref'],
            targetId: target['id-ref'],
            sourceType: source.type,
            targetType: target.type,
            relationship: map.relationship,
            pointer,
          };
          if (mapping.uuid !== undefined) ref.mappingUuid = mapping.uuid;
          if (map.uuid !== undefined) ref.mapUuid = map.uuid;
          if (status !== undefined) ref.status = status;
          out.push(ref);
        }
      }
    });
  });
  return out;
}
