import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../enums.ts';
import { text, uuid } from './common.ts';

export const organisationKind = z.enum(ORGANISATION_KINDS);

export const organisationCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1–32 lowercase letters, digits, - or _');

/** An organisation in a query string: its id or its code (`sante`). */
export const organisationRef = z.union([uuid, organisationCode]);

export const createOrganisationSchema = z.strictObject({
  code: organisationCode,
  kind: organisationKind,
  nameFr: text(200),
  nameAr: text(200),
  nameEn: text(200),
});

export const updateOrganisationSchema = createOrganisationSchema.partial();

export const listOrganisationsQuery = z.object({ kind: organisationKind.optional() });

export type CreateOrganisationRequest = z.input<typeof createOrganisationSchema>;
export type UpdateOrganisationRequest = z.input<typeof updateOrganisationSchema>;
