import { describe, expect, it } from 'vitest';
import { describeFieldChange } from '../../../client/src/pages/document/versions/measure-change-text.ts';

const names: Record<string, string> = { sante: 'Ministère de la Santé', emploi: 'Ministère de l’Emploi' };
const options = { organisationName: (id: string) => names[id] ?? id };
/** Intl puts narrow no-break spaces in French numbers and dates; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u202F\u00A0]/g, ' ');

describe('measure changes in the reader’s language', () => {
  it('French', () => {
    expect(describeFieldChange('fr', { field: 'status', before: 'in_progress', after: 'done' }, options)).toBe('Statut : En cours → Réalisée');
    expect(plain(describeFieldChange('fr', { field: 'due', before: '2026-06-30', after: '2026-09-30' }, options))).toBe('Échéance : 30 juin → 30 sept.');
    expect(plain(describeFieldChange('fr', { field: 'due', before: '2026-12-31', after: '2027-03-31' }, options))).toBe('Échéance : 31 déc. 2026 → 31 mars 2027');
    expect(plain(describeFieldChange('fr', { field: 'progress', before: 40, after: 60 }, options))).toBe('Avancement : 40 % → 60 %');
    expect(plain(describeFieldChange('fr', { field: 'budget', before: null, after: 1500000 }, options))).toBe('Budget : (vide) → 1 500 000 MAD');
    expect(describeFieldChange('fr', { field: 'partnerOrganisationIds', before: ['sante'], after: ['sante', 'emploi'] }, options)).toBe(
      'Partenaires : Ministère de la Santé → Ministère de la Santé et Ministère de l’Emploi',
    );
    expect(describeFieldChange('fr', { field: 'leadOrganisationId', before: null, after: 'sante' }, options)).toBe('Chef de file : (vide) → Ministère de la Santé');
  });

  it('Arabic, each value isolated from the arrow', () => {
    expect(describeFieldChange('ar', { field: 'status', before: 'in_progress', after: 'done' }, options)).toBe('الحالة: \u2068قيد الإنجاز\u2069 ← \u2068منجز\u2069');
    expect(plain(describeFieldChange('ar', { field: 'progress', before: 40, after: 60 }, options))).toMatch(
      /^نسبة الإنجاز: \u2068[^\u2069]*40[^\u2069]*\u2069 ← \u2068[^\u2069]*60[^\u2069]*\u2069$/,
    );
    const due = describeFieldChange('ar', { field: 'due', before: '2026-06-30', after: '2026-09-30' }, options);
    expect(due.startsWith('الأجل: ')).toBe(true);
    expect(due).toContain(' ← ');
    expect(due).not.toContain('due');
    expect(describeFieldChange('ar', { field: 'title', before: 'قديم', after: 'جديد' }, options)).toBe('العنوان: \u2068قديم\u2069 ← \u2068جديد\u2069');
  });

  it('English, and never a field name', () => {
    expect(describeFieldChange('en', { field: 'status', before: 'planned', after: 'blocked' }, options)).toBe('Status: Planned → Blocked');
    expect(describeFieldChange('en', { field: 'due', before: '2026-06-30', after: '2026-09-30' }, options)).toBe('Due: 30 Jun → 30 Sept');
    expect(describeFieldChange('en', { field: 'indicator', before: '', after: 'x'.repeat(200) }, options)).toMatch(/^Indicator: \(empty\) → x{79}…$/);
    for (const locale of ['fr', 'ar', 'en'] as const) {
      for (const field of ['status', 'progress', 'start', 'due', 'leadOrganisationId', 'partnerOrganisationIds', 'indicator', 'budget', 'title', 'somethingNew']) {
        expect(describeFieldChange(locale, { field, before: null, after: null }, options)).not.toContain(field);
      }
    }
  });
});
