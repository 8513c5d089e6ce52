import { describe, expect, it } from 'vitest';
import type { DocumentAccessRow, DocumentRow } from '../../db/schema.ts';
import { RESTRICTED_ITEM_TITLE } from '../../server/domain/minutes.ts';
import { presentSession, type SessionView } from '../../server/presenters/session.ts';

const at = new Date('2026-11-28T14:00:00Z');

const documentRow = (id: string, lead: string, title: string, archived = false): DocumentRow => ({
  id,
  kind: 'action_plan',
  title,
  lead_organisation_id: lead,
  framework: null,
  status: 'submitted',
  return_reason: null,
  created_by: null,
  created_at: at,
  updated_at: at,
  archived_at: archived ? at : null,
  body_text: '',
  word_count: 0,
  measure_count: 0,
  last_edited_by: null,
  last_edited_at: null,
  language: 'fr',
});

const grant = (documentId: string, organisationId: string, level: DocumentAccessRow['level']): DocumentAccessRow => ({
  id: `${documentId}-${organisationId}`,
  document_id: documentId,
  organisation_id: organisationId,
  user_id: null,
  level,
  created_by: null,
  created_at: at,
});

const item = (id: string, documentId: string, position: number, title: string) => ({
  id,
  session_id: 's1',
  position,
  document_id: documentId,
  presenter_organisation_id: null,
  title,
  decision: null,
  decision_text: null,
  decided_at: null,
  decided_by: null,
  decision_effect: null,
});

const view: SessionView = {
  session: {
    id: 's1',
    commission_id: 'c1',
    title: 'Séance',
    scheduled_at: at,
    location: null,
    state: 'live',
    current_item_id: 'i2',
    started_at: at,
    closed_at: null,
    minutes_document_id: 'minutes',
    created_by: null,
    created_at: at,
  },
  memberOrganisationIds: ['sante', 'emploi'],
  items: [
    item('i1', 'plan-sante', 0, 'Plan santé'),
    { ...item('i2', 'note-secrete', 1, 'Point confidentiel'), decision: 'returned', decision_text: 'Revoir les chiffres OIM', decided_at: at, decided_by: 'u-mre' },
    item('i3', 'plan-archive', 2, 'Ancien plan'),
  ],
  documents: new Map([
    ['plan-sante', { row: documentRow('plan-sante', 'sante', 'Plan santé MRE'), grants: [grant('plan-sante', 'emploi', 'comment')] }],
    ['note-secrete', { row: documentRow('note-secrete', 'oim', 'Note OIM confidentielle'), grants: [] }],
    ['plan-archive', { row: documentRow('plan-archive', 'emploi', 'Plan 2020', true), grants: [] }],
    ['minutes', { row: documentRow('minutes', 'mre', 'Procès-verbal'), grants: [grant('minutes', 'sante', 'view')] }],
  ]),
};

const viewer = (organisationId: string, role: 'admin' | 'member' = 'member') => ({ userId: `u-${organisationId}`, organisationId, role });

describe('presentSession: one session, each viewer their own documents', () => {
  it('shows every document to the chair', () => {
    const presented = presentSession(view, viewer('mre', 'admin'));
    expect(presented.chair).toBe(true);
    expect(presented.items.map((entry) => [entry.documentId, entry.access])).toEqual([
      ['plan-sante', 'edit'],
      ['note-secrete', 'edit'],
      ['plan-archive', 'edit'],
    ]);
    expect(presented.minutesDocumentId).toBe('minutes');
    expect(presented.items[1]).toMatchObject({ title: 'Point confidentiel', restricted: false, decisionText: 'Revoir les chiffres OIM' });
  });

  it('restricts an item whose document the viewer may not see, as the minutes do, even as the current item', () => {
    const presented = presentSession(view, viewer('emploi'));
    expect(presented.chair).toBe(false);
    expect(presented.currentItem).toEqual(
      expect.objectContaining({ id: 'i2', position: 1, title: RESTRICTED_ITEM_TITLE, restricted: true, access: null, decision: 'returned', decisionText: null }),
    );
    for (const key of ['documentId', 'documentTitle', 'documentStatus']) expect(presented.currentItem).not.toHaveProperty(key);
    // Neither the agenda title nor the decision text, which name and quote the document.
    expect(JSON.stringify(presented)).not.toMatch(/note-secrete|Note OIM|Point confidentiel|chiffres OIM/);
    expect(presented.items[0]).toMatchObject({ title: 'Plan santé', restricted: false });
    expect(presented.items[0]).toMatchObject({ documentId: 'plan-sante', documentTitle: 'Plan santé MRE', documentStatus: 'submitted', access: 'comment' });
    // The lead of an archived document still sees it, read-only, as the document policy says.
    expect(presented.items[2]).toMatchObject({ documentId: 'plan-archive', access: 'view' });
    expect(presented.minutesDocumentId).toBeNull();
  });

  it('gives the minutes to the organisations they are shared with', () => {
    expect(presentSession(view, viewer('sante')).minutesDocumentId).toBe('minutes');
  });
});
