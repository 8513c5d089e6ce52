import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessLevel } from '../../db/schema.ts';
import { canComment, canEdit, canManageDocument, canView, documentAccess, strongest, type AccessGrant, type AccessSubject } from '../../server/policies/document-access.ts';

const LEAD = 'org-lead';
const OTHER = 'org-other';
const admin: AccessSubject = { userId: 'u-admin', organisationId: 'org-ministry', role: 'admin' };
const leadMember: AccessSubject = { userId: 'u-lead', organisationId: LEAD, role: 'member' };
const outsider: AccessSubject = { userId: 'u-out', organisationId: OTHER, role: 'member' };

const orgGrant = (organisationId: string, level: AccessLevel): AccessGrant => ({ organisationId, userId: null, level });
const userGrant = (userId: string, level: AccessLevel): AccessGrant => ({ organisationId: null, userId, level });
const facts = (grants: AccessGrant[] = [], archived = false) => ({ leadOrganisationId: LEAD, archived, grants });

describe('documentAccess', () => {
  it('gives administrators edit on every document, archived or not, with no grant', () => {
    expect(documentAccess(admin, facts())).toBe('edit');
    expect(documentAccess(admin, facts([], true))).toBe('edit');
  });

  it('gives members of the lead organisation edit', () => {
    expect(documentAccess(leadMember, facts())).toBe('edit');
  });

  it.each(['edit', 'comment', 'view'] as const)('gives an organisation granted %s exactly that level', (level) => {
    expect(documentAccess(outsider, facts([orgGrant(OTHER, level)]))).toBe(level);
  });

  it.each(['edit', 'comment', 'view'] as const)('gives a user granted %s personally exactly that level', (level) => {
    expect(documentAccess(outsider, facts([userGrant(outsider.userId, level)]))).toBe(level);
  });

  it('does not extend a personal grant to colleagues of the same organisation', () => {
    const colleague: AccessSubject = { userId: 'u-colleague', organisationId: OTHER, role: 'member' };
    expect(documentAccess(colleague, facts([userGrant(outsider.userId, 'edit')]))).toBeNull();
  });

  it('hides the document (null) from someone with no grant and not in the lead organisation', () => {
    expect(documentAccess(outsider, facts([orgGrant('org-third', 'edit'), userGrant('u-someone', 'edit')]))).toBeNull();
  });

  it('takes the strongest of the organisation grant and the personal grant', () => {
    expect(documentAccess(outsider, facts([orgGrant(OTHER, 'view'), userGrant(outsider.userId, 'comment')]))).toBe('comment');
    expect(documentAccess(outsider, facts([orgGrant(OTHER, 'edit'), userGrant(outsider.userId, 'view')]))).toBe('edit');
  });

  it('makes an archived document read-only for non-administrators, the lead included', () => {
    expect(documentAccess(leadMember, facts([], true))).toBe('view');
    expect(documentAccess(outsider, facts([orgGrant(OTHER, 'edit')], true))).toBe('view');
  });

  it('keeps an archived document hidden from someone without access', () => {
    expect(documentAccess(outsider, facts([], true))).toBeNull();
  });

  it('never gives a non-administrator more than the lead role or their grants allow (property)', () => {
    const level = fc.constantFrom<AccessLevel>('edit', 'comment', 'view');
    const grantArb = fc.record({
      organisationId: fc.option(fc.constantFrom(LEAD, OTHER, 'org-third'), { nil: null }),
      userId: fc.option(fc.constantFrom(outsider.userId, 'u-someone'), { nil: null }),
      level,
    });
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 6 }), fc.boolean(), (grants, archived) => {
        const result = documentAccess(outsider, facts(grants, archived));
        const own = grants.filter((g) => g.organisationId === OTHER || g.userId === outsider.userId).map((g) => g.level);
        if (own.length === 0) return result === null;
        return result === (archived ? 'view' : strongest(own));
      }),
    );
  });
});

describe('strongest', () => {
  it('orders edit over comment over view and ignores nulls', () => {
    expect(strongest([])).toBeNull();
    expect(strongest([null, null])).toBeNull();
    expect(strongest(['view', null, 'comment'])).toBe('comment');
    expect(strongest(['comment', 'edit', 'view'])).toBe('edit');
  });
});

describe('capability checks', () => {
  it.each([
    ['edit', true, true, true],
    ['comment', true, true, false],
    ['view', true, false, false],
    [null, false, false, false],
  ] as const)('level %s: view %s, comment %s, edit %s', (level, view, comment, edit) => {
    expect(canView(level)).toBe(view);
    expect(canComment(level)).toBe(comment);
    expect(canEdit(level)).toBe(edit);
  });

  it('lets only administrators and the lead organisation manage a document', () => {
    expect(canManageDocument(admin, { leadOrganisationId: LEAD })).toBe(true);
    expect(canManageDocument(leadMember, { leadOrganisationId: LEAD })).toBe(true);
    expect(canManageDocument(outsider, { leadOrganisationId: LEAD })).toBe(false);
  });
});
