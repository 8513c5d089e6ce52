import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/commands/parse.ts';
import { documentIdIn } from '../../bot/commands/lookup.ts';
import { normalize, titleMatches } from '../../shared/text-match.ts';
import { statusNamed } from '../../bot/commands/documents.ts';

describe('parseCommand', () => {
  it('reads each sub-command and its arguments', () => {
    expect(parseCommand('status Plan santé')).toEqual({ name: 'status', query: 'Plan santé' });
    expect(parseCommand('  STATUS   "Plan  santé"  ')).toEqual({ name: 'status', query: 'Plan santé' });
    expect(parseCommand('list sante soumis')).toEqual({ name: 'list', words: ['sante', 'soumis'] });
    expect(parseCommand('overdue')).toEqual({ name: 'overdue' });
    expect(parseCommand('overdue sante')).toEqual({ name: 'overdue', organisation: 'sante' });
    expect(parseCommand('search couverture médicale')).toEqual({ name: 'search', query: 'couverture médicale' });
    expect(parseCommand('session')).toEqual({ name: 'session' });
    expect(parseCommand('subscriptions')).toEqual({ name: 'subscriptions' });
    expect(parseCommand('unsubscribe sante')).toEqual({ name: 'unsubscribe', target: 'sante' });
  });

  it('accepts French and Arabic names of the sub-commands', () => {
    expect(parseCommand('statut plan')).toEqual({ name: 'status', query: 'plan' });
    expect(parseCommand('retards oim')).toEqual({ name: 'overdue', organisation: 'oim' });
    expect(parseCommand('حالة مخطط الصحة')).toEqual({ name: 'status', query: 'مخطط الصحة' });
    expect(parseCommand('aide')).toEqual({ name: 'help' });
  });

  it('separates a comment’s document from its text, keeping the text’s lines', () => {
    expect(parseCommand('comment "Plan santé" Le budget manque')).toEqual({ name: 'comment', query: 'Plan santé', text: 'Le budget manque' });
    expect(parseCommand('comment « Plan santé » Le budget')).toEqual({ name: 'comment', query: 'Plan santé', text: 'Le budget' });
    expect(parseCommand('comment plan sante : ligne 1\nligne 2')).toEqual({ name: 'comment', query: 'plan sante', text: 'ligne 1\nligne 2' });
    expect(parseCommand('comment plan')).toEqual({ name: 'usage', command: 'comment' });
    expect(parseCommand(`comment plan : ${'x'.repeat(4001)}`)).toEqual({ name: 'tooLong', max: 4000 });
  });

  it('reads subscription events after a colon or at the end, in a canonical order', () => {
    expect(parseCommand('subscribe Plan santé')).toMatchObject({ target: 'Plan santé', events: ['status', 'comments', 'measures', 'sessions', 'edits'] });
    expect(parseCommand('subscribe Plan santé comments status')).toMatchObject({ target: 'Plan santé', events: ['status', 'comments'], unknownEvents: [] });
    expect(parseCommand('subscribe sante : mesures, commentaires')).toMatchObject({ target: 'sante', events: ['comments', 'measures'] });
    expect(parseCommand('subscribe sante : gossip')).toMatchObject({ unknownEvents: ['gossip'] });
    expect(parseCommand('subscribe comments')).toMatchObject({ target: 'comments' });
  });

  it('turns anything else into help or usage, never an error', () => {
    expect(parseCommand('')).toEqual({ name: 'help' });
    expect(parseCommand('delete everything')).toEqual({ name: 'help', unknown: 'delete' });
    expect(parseCommand('status')).toEqual({ name: 'usage', command: 'status' });
    expect(parseCommand(`search ${'z'.repeat(300)}`)).toEqual({ name: 'tooLong', max: 200 });
  });
});

describe('document and status lookup', () => {
  it('normalises accents, case, punctuation and Arabic letter variants', () => {
    expect(normalize('Plan d’Action — SANTÉ')).toBe('plan d action sante');
    expect(normalize('الصِّحَّة')).toBe(normalize('الصحة'));
    expect(normalize('إستراتيجية')).toBe(normalize('استراتيجية'));
  });

  it('matches titles by the start of their words', () => {
    expect(titleMatches('Plan d’action santé des MRE', 'plan sant')).toBe(true);
    expect(titleMatches('Plan d’action santé des MRE', 'plan emploi')).toBe(false);
    expect(titleMatches('مخطط عمل الصحة', 'مخطط الصحه')).toBe(true);
  });

  it('finds a document id in a Tansiq link only', () => {
    const id = '0b5b8d3e-6f1c-4c1e-9a55-5a0e0b6c7d8e';
    expect(documentIdIn(id, 'https://t.ma')).toBe(id);
    expect(documentIdIn(`<https://t.ma/documents/${id}|Plan>`, 'https://t.ma')).toBe(id);
    expect(documentIdIn(`https://t.ma/documents/${id}/access?x=1`, 'https://t.ma')).toBe(id);
    expect(documentIdIn(`https://evil.example/documents/${id}`, 'https://t.ma')).toBeNull();
  });

  it('reads workflow statuses in any language', () => {
    expect(statusNamed('soumis')).toBe('submitted');
    expect(statusNamed('In review')).toBe('in_review');
    expect(statusNamed('sante')).toBeNull();
    expect(statusNamed('in_review')).toBe('in_review');
    expect(statusNamed('مسودة')).toBe('draft');
    expect(statusNamed('adopted')).toBe('adopted');
  });
});
