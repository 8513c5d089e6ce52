/** Organisations as the API presents them (server/presenters/organisation.ts). */
import type { Locale, OrganisationKind } from '../enums.ts';

export interface Organisation {
  id: string;
  code: string;
  kind: OrganisationKind;
  names: Record<Locale, string>;
  createdAt: string;
  updatedAt: string;
}
