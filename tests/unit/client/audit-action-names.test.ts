import { describe, expect, it } from 'vitest';
import { ar } from '../../../client/src/i18n/ar.ts';
import { en } from '../../../client/src/i18n/en.ts';
import { fr } from '../../../client/src/i18n/fr.ts';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from '../../../shared/audit-actions.ts';

describe('audit actions are named in the reader’s language', () => {
  it.each([
    ['fr', fr as Record<string, string>],
    ['ar', ar as Record<string, string>],
    ['en', en as Record<string, string>],
  ] as const)('%s names every action the log records, never by its code', (_name, dictionary) => {
    for (const action of AUDIT_ACTIONS) {
      const name = dictionary[`auditAction.${action}`];
      expect(name, action).toBeTruthy();
      expect(name, action).not.toContain(action);
    }
  });

  it('names every action differently, so the filter can tell them apart', () => {
    for (const dictionary of [fr, ar, en] as Record<string, string>[]) {
      const names = AUDIT_ACTIONS.map((action) => dictionary[`auditAction.${action}`]);
      expect(new Set(names).size).toBe(AUDIT_ACTIONS.length);
    }
  });

  it.each([
    ['fr', fr as Record<string, string>],
    ['ar', ar as Record<string, string>],
    ['en', en as Record<string, string>],
  ] as const)('%s names every kind of object an entry is about, never by its code', (_name, dictionary) => {
    for (const type of AUDIT_OBJECT_TYPES) {
      const name = dictionary[`auditObject.${type}`];
      expect(name, type).toBeTruthy();
      expect(name, type).not.toContain(type);
    }
  });
});
