import type { OrganisationRow } from '../../db/schema.ts';
import type { Organisation } from '../../shared/api/organisations.ts';

export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    names: { fr: row.name_fr, ar: row.name_ar, en: row.name_en },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
