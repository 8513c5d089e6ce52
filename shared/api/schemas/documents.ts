import { z } from 'zod';
import { ACCESS_LEVELS, DOCUMENT_KINDS, DOCUMENT_STATUSES, FRAMEWORKS, LOCALES } from '../../enums.ts';
import { organisationRef } from './organisations.ts';
import { pagination, text, uuid, withoutControlCharacters } from './common.ts';

export const documentKind = z.enum(DOCUMENT_KINDS);
export const framework = z.enum(FRAMEWORKS);
export const documentStatus = z.enum(DOCUMENT_STATUSES);
export const accessLevel = z.enum(ACCESS_LEVELS);

const partners = z
  .array(uuid)
  .max(100, 'at most 100 partners')
  .refine((ids) => new Set(ids).size === ids.length, 'lists a partner twice');

export const createDocumentSchema = z
  .strictObject({
    kind: documentKind,
    title: text(300),
    leadOrganisationId: uuid.optional(),
    partnerOrganisationIds: partners.default([]),
    framework: framework.optional(),
    /** the document's language: template headings, direction; the creator's interface language by default */
    language: z.enum(LOCALES).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'cooperation_proposal' && !value.framework) {
      ctx.addIssue({ code: 'custom', path: ['framework'], message: 'a cooperation proposal needs a framework (bilateral, multilateral or south_south)' });
    }
    if (value.kind !== 'cooperation_proposal' && value.framework) {
      ctx.addIssue({ code: 'custom', path: ['framework'], message: 'only cooperation proposals have a framework' });
    }
  });

export const updateDocumentSchema = z.strictObject({
  title: text(300).optional(),
  leadOrganisationId: uuid.optional(),
  partnerOrganisationIds: partners.optional(),
  framework: framework.nullable().optional(),
});

export const transitionSchema = z.strictObject({
  to: documentStatus,
  reason: text(2000).optional(),
});

export const reopenSchema = z.strictObject({ reason: text(2000) });

/** A request for access: an optional word to the lead organisation. */
export const accessRequestSchema = z.strictObject({ message: text(1000).optional() });

export const listDocumentsQuery = z.object({
  kind: documentKind.optional(),
  status: documentStatus.optional(),
  lead: organisationRef.optional(),
  partner: organisationRef.optional(),
  q: z.string().trim().max(200, 'must be at most 200 characters').refine(withoutControlCharacters, 'must not contain control characters').optional(),
  archived: z.enum(['false', 'true', 'only']).default('false'),
  ...pagination,
});

export const grantSchema = z
  .strictObject({
    organisationId: uuid.optional(),
    userId: uuid.optional(),
    level: accessLevel,
  })
  .refine((value) => Boolean(value.organisationId) !== Boolean(value.userId), 'give exactly one of organisationId or userId');

export const grantParams = z.object({ id: uuid, grantId: uuid });

/** GET /api/documents/:id/activity */
export const activityQuery = z.object({
  action: z.string().min(1).max(64).optional(),
  /** the id of the last entry of the previous page */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type CreateDocumentRequest = z.input<typeof createDocumentSchema>;
export type UpdateDocumentRequest = z.input<typeof updateDocumentSchema>;
export type TransitionRequest = z.input<typeof transitionSchema>;
export type ReopenRequest = z.input<typeof reopenSchema>;
export type AccessRequestRequest = z.input<typeof accessRequestSchema>;
export type ListDocumentsRequest = z.input<typeof listDocumentsQuery>;
export type GrantRequest = z.input<typeof grantSchema>;
export type ActivityRequest = z.input<typeof activityQuery>;
