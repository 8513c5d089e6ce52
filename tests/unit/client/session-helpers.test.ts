import { describe, expect, it } from 'vitest';
import { zonedIso } from '../../../client/src/lib/datetime.ts';
import { readOnlyReasons } from '../../../client/src/pages/document/read-only.ts';

describe('a datetime-local value sent to the server', () => {
  it('keeps the wall-clock time and carries the offset', () => {
    expect(zonedIso('2026-11-28T15:00', 60)).toBe('2026-11-28T15:00:00+01:00');
    expect(zonedIso('2026-11-28T15:00', 0)).toBe('2026-11-28T15:00:00+00:00');
    expect(zonedIso('2026-11-28T09:30', -330)).toBe('2026-11-28T09:30:00-05:30');
    expect(zonedIso('2026-11-28T15:00')).toMatch(/^2026-11-28T15:00:00[+-]\d{2}:\d{2}$/);
  });

  it('leaves anything else for the server to refuse', () => {
    expect(zonedIso('')).toBe('');
  });
});

describe('why the text and the comments are read-only', () => {
  const doc = (access: 'edit' | 'comment' | 'view', archived = false) => ({ access, archived });

  it('lets comment access write comments but not the text', () => {
    expect(readOnlyReasons(doc('edit'), null, false)).toEqual({ edit: null, comment: null });
    expect(readOnlyReasons(doc('comment'), null, false)).toEqual({ edit: 'document.readOnly.comment', comment: null });
    expect(readOnlyReasons(doc('view'), null, false)).toEqual({ edit: 'document.readOnly.view', comment: 'comments.readOnly.view' });
    expect(readOnlyReasons(doc('edit', true), null, false)).toEqual({ edit: 'document.readOnly.archived', comment: 'comments.readOnly.archived' });
  });

  it('follows the server: refused edits leave comments open, a removed access closes both', () => {
    expect(readOnlyReasons(doc('edit'), null, true)).toEqual({ edit: 'document.readOnly.refused', comment: null });
    expect(readOnlyReasons(doc('edit'), 'forbidden', false)).toEqual({ edit: 'collab.refused.forbidden', comment: 'collab.refused.forbidden' });
    // A sync connection closed for another reason does not stop comments, which go through HTTP.
    expect(readOnlyReasons(doc('edit'), 'other', false).comment).toBeNull();
  });
});
