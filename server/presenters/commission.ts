import type { Selectable } from 'kysely';
import type { CommissionsTable } from '../../db/schema.ts';
import type { Commission } from '../../shared/api/sessions.ts';

export interface CommissionView {
  row: Selectable<CommissionsTable>;
  memberOrganisationIds: string[];
}

export function presentCommission({ row, memberOrganisationIds }: CommissionView): Commission {
  return {
    id: row.id,
    kind: row.kind,
    names: { fr: row.name_fr, ar: row.name_ar, en: row.name_en },
    memberOrganisationIds,
    createdAt: row.created_at.toISOString(),
  };
}
