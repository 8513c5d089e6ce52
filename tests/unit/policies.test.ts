import { describe, expect, it } from 'vitest';
import { commentPolicy } from '../../server/policies/comment.ts';
import { commissionPolicy } from '../../server/policies/commission.ts';
import { documentCreationPolicy, documentPolicy, type DocumentAction } from '../../server/policies/document.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';
import { sessionPolicy } from '../../server/policies/session.ts';
import { tokenPolicy } from '../../server/policies/token.ts';
import { userPolicy } from '../../server/policies/user.ts';

const LEAD = 'org-lead';
const admin: AccessSubject = { userId: 'u-admin', organisationId: 'org-ministry', role: 'admin' };
const leadMember: AccessSubject = { userId: 'u-lead', organisationId: LEAD, role: 'member' };
const partner: AccessSubject = { userId: 'u-partner', organisationId: 'org-partner', role: 'member' };
const allowed = (verdict: { allowed: boolean }) => verdict.allowed;

describe('documentPolicy', () => {
  const ACTIONS: DocumentAction[] = ['view', 'comment', 'edit', 'manage', 'archive', 'change_lead'];
  const decide = (actor: AccessSubject, level: 'view' | 'comment' | 'edit' | null) =>
    Object.fromEntries(ACTIONS.map((action) => [action, allowed(documentPolicy.decide(actor, action, { level, leadOrganisationId: LEAD }))]));

  it('hides a document from someone with no level (not found, audited as no_access)', () => {
    const verdict = documentPolicy.decide(partner, 'view', { level: null, leadOrganisationId: LEAD });
    expect(verdict).toMatchObject({ allowed: false, hidden: true, details: { need: 'view', had: 'no_access' } });
  });

  it('lets each level do what it names, and only the lead and the coordination unit manage', () => {
    expect(decide(partner, 'view')).toEqual({ view: true, comment: false, edit: false, manage: false, archive: false, change_lead: false });
    expect(decide(partner, 'comment')).toEqual({ view: true, comment: true, edit: false, manage: false, archive: false, change_lead: false });
    expect(decide(partner, 'edit')).toEqual({ view: true, comment: true, edit: true, manage: false, archive: false, change_lead: false });
    expect(decide(leadMember, 'edit')).toEqual({ view: true, comment: true, edit: true, manage: true, archive: true, change_lead: false });
    expect(decide(admin, 'edit')).toEqual({ view: true, comment: true, edit: true, manage: true, archive: true, change_lead: true });
  });

  it('refuses with the level held, visibly (forbidden, not hidden)', () => {
    expect(documentPolicy.decide(partner, 'edit', { level: 'comment', leadOrganisationId: LEAD })).toMatchObject({
      allowed: false,
      hidden: false,
      message: 'Your access to this document is "comment".',
      details: { need: 'edit', had: 'comment' },
    });
  });

  it('lets people create documents led by their own organisation, the coordination unit for any', () => {
    expect(allowed(documentCreationPolicy.decide(leadMember, 'create_document', { leadOrganisationId: LEAD }))).toBe(true);
    expect(allowed(documentCreationPolicy.decide(partner, 'create_document', { leadOrganisationId: LEAD }))).toBe(false);
    expect(allowed(documentCreationPolicy.decide(admin, 'create_document', { leadOrganisationId: LEAD }))).toBe(true);
  });
});

describe('commentPolicy', () => {
  it('lets authors edit their own comments only, and delete them; the coordination unit deletes any', () => {
    const own = { authorId: partner.userId };
    const other = { authorId: 'someone-else' };
    expect(allowed(commentPolicy.decide(partner, 'edit', own))).toBe(true);
    expect(allowed(commentPolicy.decide(partner, 'edit', other))).toBe(false);
    expect(allowed(commentPolicy.decide(admin, 'edit', other))).toBe(false);
    expect(allowed(commentPolicy.decide(partner, 'delete', other))).toBe(false);
    expect(allowed(commentPolicy.decide(admin, 'delete', other))).toBe(true);
  });
});

describe('sessionPolicy', () => {
  const facts = { memberOrganisationIds: [LEAD], presenterOrganisationIds: ['org-presenter'] };
  it('shows a session to members, presenters and the coordination unit; hides it from others', () => {
    expect(allowed(sessionPolicy.decide(leadMember, 'view', facts))).toBe(true);
    expect(allowed(sessionPolicy.decide({ ...partner, organisationId: 'org-presenter' }, 'view', facts))).toBe(true);
    expect(allowed(sessionPolicy.decide(admin, 'view', { memberOrganisationIds: [], presenterOrganisationIds: [] }))).toBe(true);
    expect(sessionPolicy.decide(partner, 'view', facts)).toMatchObject({ allowed: false, hidden: true });
  });
  it('lets only the coordination unit chair; a non-member learns nothing (hidden)', () => {
    expect(allowed(sessionPolicy.decide(admin, 'chair:start', facts))).toBe(true);
    expect(sessionPolicy.decide(leadMember, 'chair:start', facts)).toMatchObject({ allowed: false, hidden: false, details: { need: 'chair:start' } });
    expect(sessionPolicy.decide(partner, 'chair:start', facts)).toMatchObject({ allowed: false, hidden: true });
  });
});

describe('commission, user and token policies', () => {
  it('shows a commission to its members and the coordination unit', () => {
    expect(allowed(commissionPolicy.decide(leadMember, 'view', { memberOrganisationIds: [LEAD] }))).toBe(true);
    expect(commissionPolicy.decide(partner, 'view', { memberOrganisationIds: [LEAD] })).toMatchObject({ allowed: false, hidden: true });
    expect(allowed(commissionPolicy.decide(admin, 'view', { memberOrganisationIds: [] }))).toBe(true);
  });
  it('lets people change their own profile, administrators anyone but never disable or demote themselves', () => {
    expect(allowed(userPolicy.decide(partner, 'update', { userId: partner.userId }))).toBe(true);
    expect(allowed(userPolicy.decide(partner, 'update', { userId: admin.userId }))).toBe(false);
    expect(allowed(userPolicy.decide(admin, 'update', { userId: partner.userId }))).toBe(true);
    expect(allowed(userPolicy.decide(admin, 'disable', { userId: admin.userId }))).toBe(false);
    expect(allowed(userPolicy.decide(admin, 'disable', { userId: partner.userId }))).toBe(true);
    expect(allowed(userPolicy.decide(admin, 'change_role', { userId: admin.userId, newRole: 'member' }))).toBe(false);
    expect(allowed(userPolicy.decide(admin, 'change_role', { userId: admin.userId, newRole: 'admin' }))).toBe(true);
  });
  it('mints API tokens only from a signed-in session', () => {
    expect(allowed(tokenPolicy.decide(partner, 'create', { via: 'session' }))).toBe(true);
    expect(allowed(tokenPolicy.decide(partner, 'create', { via: 'token' }))).toBe(false);
  });
});
