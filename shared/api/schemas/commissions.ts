import { z } from 'zod';
import { COMMISSION_KINDS } from '../../enums.ts';
import { text, uuid } from './common.ts';

export const commissionKind = z.enum(COMMISSION_KINDS);

const members = z
  .array(uuid)
  .max(200, 'at most 200 member organisations')
  .refine((ids) => new Set(ids).size === ids.length, 'lists an organisation twice');

export const createCommissionSchema = z.strictObject({
  kind: commissionKind,
  nameFr: text(200),
  nameAr: text(200),
  nameEn: text(200),
  memberOrganisationIds: members.default([]),
});

export const updateCommissionSchema = z
  .strictObject({
    kind: commissionKind.optional(),
    nameFr: text(200).optional(),
    nameAr: text(200).optional(),
    nameEn: text(200).optional(),
    /** replaces the whole member list */
    memberOrganisationIds: members.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'change at least one field');

export const listCommissionsQuery = z.object({ kind: commissionKind.optional() });

export type CreateCommissionInput = z.output<typeof createCommissionSchema>;
export type UpdateCommissionInput = z.output<typeof updateCommissionSchema>;
export type CreateCommissionRequest = z.input<typeof createCommissionSchema>;
export type UpdateCommissionRequest = z.input<typeof updateCommissionSchema>;
