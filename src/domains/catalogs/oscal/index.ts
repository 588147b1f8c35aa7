/** Public API of the OSCAL catalog module (pure: no database, no network). */
export {
  DEFAULT_OSCAL_VERSION,
  type ExportOscalOptions,
  exportOscalCatalog,
  type OscalCatalogDocument,
} from './export.ts';
export * from './import.ts';
export { type CrossReference, crossReferences, type MappingCollectionModel } from './mapping.ts';
export * from './model.ts';
