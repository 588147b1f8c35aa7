import type { OrganisationRow } from '../../platform/db/schema.ts';
import type { OrganisationDto } from './schemas.ts';

export function presentOrganisation(row: OrganisationRow): OrganisationDto {
  return {
    id: row.id,
    organisationId: row.id,
    type: row.type,
    subtype: row.subtype,
    ars: row.ars,
    name: row.name,
    shortName: row.short_name,
    parentId: row.parent_id,
    population: row.population,
    areaHa: row.area_ha,
  };
}
