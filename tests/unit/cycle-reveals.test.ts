import { describe, expect, it } from 'vitest';
import { mayReadCycleNotice, type CycleReveal } from '../../bot/cycles/reveals.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';

const person = (organisationId: string, role: 'admin' | 'member' = 'member'): AccessSubject => ({ userId: `u-${organisationId}`, organisationId, role });
// Two reports led by sante (emploi a partner on one), one led by culture.
const reports = [
  { lead_organisation_id: 'sante', partner_organisation_ids: ['emploi'] },
  { lead_organisation_id: 'sante', partner_organisation_ids: [] },
  { lead_organisation_id: 'culture', partner_organisation_ids: [] },
];
const readable = new Set(['doc-open']);
const mayReadDocument = async (_subject: AccessSubject, id: string) => readable.has(id);
const may = (subject: AccessSubject, reveals: CycleReveal[]) => mayReadCycleNotice(subject, reports, reveals, mayReadDocument);

describe('mayReadCycleNotice', () => {
  it('lets the coordination unit read every piece but a document its rule closes', async () => {
    expect(await may(person('mre', 'admin'), [{ kind: 'cycle' }, { kind: 'reports' }, { kind: 'document', id: 'doc-open' }])).toBe(true);
    expect(await may(person('mre', 'admin'), [{ kind: 'document', id: 'doc-closed' }])).toBe(false);
  });
  it('shows the cycle to the organisations in it, and nothing to others', async () => {
    expect(await may(person('emploi'), [{ kind: 'cycle' }])).toBe(true);
    expect(await may(person('mre'), [{ kind: 'cycle' }])).toBe(false);
  });
  it('counts reports only for those who read every report counted', async () => {
    expect(await may(person('sante'), [{ kind: 'reports' }])).toBe(false);
    expect(await may(person('sante'), [{ kind: 'reports', leadOrganisationIds: ['sante'] }])).toBe(true);
    // A partner on one of sante's reports does not read the other.
    expect(await may(person('emploi'), [{ kind: 'reports', leadOrganisationIds: ['sante'] }])).toBe(false);
    expect(await may(person('culture'), [{ kind: 'reports', leadOrganisationIds: ['sante', 'culture'] }])).toBe(false);
  });
});
