import { describe, expect, it } from 'vitest';
import { ar } from '../../../client/src/i18n/ar.ts';
import { en } from '../../../client/src/i18n/en.ts';
import { fr } from '../../../client/src/i18n/fr.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const keys = Object.keys(fr) as (keyof typeof fr)[];

  it.each([
    ['ar', ar],
    ['en', en],
  ] as const)('%s has every key, none empty, with the same placeholders as French', (_name, dictionary) => {
    expect(Object.keys(dictionary).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(dictionary[key].trim(), key).not.toBe('');
      expect(placeholders(dictionary[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('Arabic is actually Arabic where it is prose', () => {
    const arabic = keys.filter((key) => /[\u0600-\u06FF]/.test(ar[key]));
    expect(arabic.length / keys.length).toBeGreaterThan(0.95);
  });
});
