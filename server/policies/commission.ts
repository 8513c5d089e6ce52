import { allow, hide, type Policy } from './policy.ts';

/** Commissions: the coordination unit sees them all; others those their organisation sits on. */
export const commissionPolicy: Policy<'view', { memberOrganisationIds: readonly string[] }> = {
  objectType: 'commission',
  label: 'Commission',
  decide: (actor, action, { memberOrganisationIds }) => (actor.role === 'admin' || memberOrganisationIds.includes(actor.organisationId) ? allow : hide({ need: action })),
};
