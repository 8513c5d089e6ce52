import { describe, expect, it } from 'vitest';
import { pendingReportsBlocks, readReportModal, reportModal } from '../../bot/blocks/report.ts';
import { reportModalErrors } from '../../bot/actions/report-submit.ts';
import { bar, buildConsolidatedReport, planProgress } from '../../server/domain/consolidated-report.ts';
import { edit, freshDraft, patchOf, problemOf, rebase, saved, settle } from '../../client/src/lib/report-draft.ts';
import { parseReminderDays } from '../../client/src/lib/reminder-days.ts';
import { blockKitProblems } from '../helpers/block-kit.ts';

/** The pure parts of follow-up cycles (issue 19): drafts that never overwrite silently, the consolidated text, the Slack modal. */

const values = { status: null, progress: null, indicatorCurrent: null, narrative: '', blockers: '', supportRequested: '' } as const;

describe('a focal point’s draft', () => {
  it('takes a colleague’s change on the fields not typed here, and keeps what was typed', () => {
    let draft = edit(freshDraft(values), 'narrative', 'Mine');
    draft = rebase(draft, { ...values, progress: 40, narrative: '' });
    expect(draft.local).toMatchObject({ progress: '40', narrative: 'Mine' });
    expect([...draft.conflicts]).toEqual([]);
    expect(patchOf(draft)).toEqual({ narrative: 'Mine' });
  });

  it('turns a field both changed into a conflict, saved only once settled', () => {
    let draft = edit(freshDraft(values), 'narrative', 'Mine');
    draft = rebase(draft, { ...values, narrative: 'Theirs' });
    expect(draft.conflicts.get('narrative')).toBe('Theirs');
    expect(draft.local.narrative).toBe('Mine');
    expect(patchOf(draft)).toEqual({});
    expect(patchOf(settle(draft, 'narrative', 'mine'))).toEqual({ narrative: 'Mine' });
    const theirs = settle(draft, 'narrative', 'theirs');
    expect(theirs.local.narrative).toBe('Theirs');
    expect(patchOf(theirs)).toEqual({});
  });

  it('sees two people typing the same thing as agreement', () => {
    const draft = rebase(edit(freshDraft(values), 'progress', '50'), { ...values, progress: 50 });
    expect(draft.dirty.size).toBe(0);
    expect(draft.conflicts.size).toBe(0);
  });

  it('keeps typing done during a save, and sends only valid values', () => {
    const first = edit(freshDraft(values), 'narrative', 'A');
    const typedMore = edit(first, 'narrative', 'AB');
    const after = saved(typedMore, first.local, { ...values, narrative: 'A' });
    expect(after.local.narrative).toBe('AB');
    expect([...after.dirty]).toEqual(['narrative']);
    const bad = edit(edit(freshDraft(values), 'progress', '150'), 'indicatorCurrent', '3,5');
    expect(patchOf(bad)).toEqual({ indicatorCurrent: '3,5' });
    expect(problemOf('progress', '150')).toBe('progressRange');
    expect(problemOf('progress', '12.5')).toBe('progressWhole');
    expect(problemOf('indicatorCurrent', 'beaucoup')).toBe('indicatorNumber');
    expect(problemOf('narrative', 'x'.repeat(4001))).toBe('tooLong');
    expect(problemOf('progress', '')).toBeNull();
  });

  it('reads reminder days as typed', () => {
    expect(parseReminderDays('-7, -1, +3')).toEqual([-7, -1, 3]);
    expect(parseReminderDays('-7، 2')).toEqual([-7, 2]);
    expect(parseReminderDays('')).toEqual([]);
    expect(parseReminderDays('demain')).toBeNull();
    expect(parseReminderDays('120')).toBeNull();
  });
});

describe('the consolidated report', () => {
  const line = (overrides: Partial<Parameters<typeof buildConsolidatedReport>[0]['plans'][number]['lines'][number]>) => ({
    measureTitle: 'M',
    leadOrganisation: 'Santé',
    state: 'accepted' as const,
    status: 'in_progress',
    progress: 40,
    indicatorCurrent: null,
    indicatorTarget: null,
    indicatorUnit: '',
    blockers: '',
    supportRequested: '',
    overdue: false,
    ...overrides,
  });

  it('draws shares as ten-cell bars', () => {
    expect(bar(0)).toBe('░░░░░░░░░░ 0 %');
    expect(bar(0.45)).toBe('▓▓▓▓▓░░░░░ 45 %');
    expect(bar(2)).toBe('▓▓▓▓▓▓▓▓▓▓ 100 %');
    expect(planProgress([line({ progress: 20 }), line({ progress: 60 }), line({ progress: null })])).toBe(40);
    expect(planProgress([line({ progress: null })])).toBeNull();
  });

  it('gives completeness, then per plan progress, overdue and blocked measures and requested support', () => {
    const blocks = buildConsolidatedReport({
      period: 'T3 2026',
      commissionName: 'Commission technique',
      opensOn: '2026-09-21',
      dueOn: '2026-10-06',
      closedOn: '2026-10-16',
      organisations: [{ name: 'Santé', total: 3, submitted: 2, draft: 0, notStarted: 1 }],
      plans: [
        {
          title: 'Plan santé',
          lines: [
            line({ measureTitle: 'Guichets', progress: 60, overdue: true }),
            line({ measureTitle: 'Couverture', status: 'blocked', progress: 10, blockers: 'Convention\nen attente', supportRequested: 'Arbitrage' }),
            line({ measureTitle: 'Télé-expertise', state: 'not_started', status: null, progress: null }),
          ],
        },
      ],
    });
    const text = blocks.map((block) => ('text' in block ? block.text : block.items.join(' | '))).join('\n');
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, text: 'Rapport consolidé de suivi — T3 2026 — Commission technique' });
    expect(text).toContain('2 rapports remis sur 3 attendus — ▓▓▓▓▓▓▓░░░ 67 %');
    expect(text).toContain('Plan santé : ▓▓▓▓░░░░░░ 35 %');
    expect(text).toContain('Mesures en retard\nGuichets (Santé)');
    expect(text).toContain('Couverture (Santé) : Convention en attente');
    expect(text).toContain('Appui demandé\nCouverture (Santé) : Arbitrage');
    expect(text).toContain('Télé-expertise — Santé : sans statut, avancement non déclaré (rapport non remis)');
  });

  it('is written in the language the cycle is closed in, right to left in Arabic', () => {
    const input = {
      period: 'T3 2026',
      commissionName: 'Technical committee',
      opensOn: '2026-09-21',
      dueOn: '2026-10-06',
      closedOn: '2026-10-16',
      organisations: [{ name: 'Health', total: 2, submitted: 1, draft: 1, notStarted: 0 }],
      plans: [{ title: 'Health plan', lines: [line({ measureTitle: 'Desks', leadOrganisation: 'Health', status: 'blocked', progress: 50, blockers: 'Funding', overdue: true })] }],
    };
    const english = buildConsolidatedReport(input, 'en');
    const englishText = english.map((block) => ('text' in block ? block.text : block.items.join(' | '))).join('\n');
    expect(english[0]).toEqual({ type: 'heading', level: 1, text: 'Consolidated follow-up report — T3 2026 — Technical committee' });
    expect(englishText).toContain('Follow-up cycle T3 2026: opened on 21 September 2026, due on 6 October 2026, closed on 16 October 2026.');
    expect(englishText).toContain('1 report submitted of 2 expected — ▓▓▓▓▓░░░░░ 50 %');
    expect(englishText).toContain('Desks — Health: Blocked, ▓▓▓▓▓░░░░░ 50 %');
    expect(englishText).toContain('Overdue measures\nDesks (Health)');
    expect(englishText).toContain('Blocked measures and obstacles\nDesks (Health): Funding');
    expect(englishText).not.toMatch(/Mesures|remis|Aucun/u);

    const arabic = buildConsolidatedReport(input, 'ar');
    expect(arabic.every((block) => block.dir === 'rtl')).toBe(true);
    const arabicText = arabic.map((block) => ('text' in block ? block.text : block.items.join(' | '))).join('\n');
    expect(arabic[0]).toMatchObject({ text: 'التقرير التركيبي للتتبع — T3 2026 — Technical committee' });
    expect(arabicText).toContain('التدابير المتأخرة');
    expect(arabicText).toContain('متعثر');
    // dates in Latin digits, as the ministry writes them
    expect(arabicText).toMatch(/16 [^\d\s]+ 2026/u);
    expect(buildConsolidatedReport(input).every((block) => block.dir === undefined)).toBe(true);
  });
});

describe('the Slack report modal', () => {
  const input = {
    cycleId: '11111111-1111-4111-8111-111111111111',
    reportId: '22222222-2222-4222-8222-222222222222',
    version: 3,
    period: 'T4 2026',
    measureTitle: 'Guichets *santé* <!channel>',
    documentTitle: 'Plan santé',
    indicator: { baseline: 10, target: 50, unit: '%' },
    values: { status: 'in_progress', progress: 40, indicatorCurrent: 22, narrative: 'En cours', blockers: '', supportRequested: '' },
  };

  it('is valid Block Kit in every language, filled with the draft, with ids only in its metadata', () => {
    for (const locale of ['fr', 'ar', 'en'] as const) {
      const view = reportModal(locale, input);
      expect(blockKitProblems(view as never, 'modal')).toEqual([]);
      expect(JSON.parse(view.private_metadata!)).toEqual({ c: input.cycleId, r: input.reportId, v: 3 });
    }
    const view = reportModal('fr', input);
    expect(JSON.stringify(view)).not.toContain('<!channel>');
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"40"');
  });

  it('reads the values back and refuses bad ones on their field', () => {
    const state = {
      status: { status: { selected_option: { value: 'blocked' } } },
      progress: { progress: { value: ' 140 ' } },
      indicator: { indicator: { value: 'beaucoup' } },
      narrative: { narrative: { value: 'Texte' } },
      blockers: { blockers: { value: null } },
      support: { support: { value: 'Aide' } },
      action: { action: { selected_option: { value: 'submit' } } },
    };
    const read = readReportModal(state);
    expect(read).toEqual({ status: 'blocked', progress: '140', indicator: 'beaucoup', narrative: 'Texte', blockers: '', supportRequested: 'Aide', submit: true });
    expect(reportModalErrors(read)).toEqual({ progress: 'error.progress', indicator: 'error.indicator' });
    expect(reportModalErrors({ ...read, status: null, progress: '', indicator: '3,5' })).toEqual({ status: 'error.required', progress: 'error.required' });
    expect(reportModalErrors({ ...read, status: null, progress: '', indicator: '', submit: false })).toEqual({});
  });

  it('lists pending reports with one button each, within Slack’s limits', () => {
    const reports = Array.from({ length: 30 }, (_, index) => ({
      id: `r${index}`,
      cycleId: 'c1',
      period: 'T4 2026',
      dueOn: '2026-12-01',
      measureTitle: `Mesure ${index}`,
      documentTitle: 'Plan',
      state: 'draft',
    }));
    const message = pendingReportsBlocks('ar', { organisation: 'الصحة', today: '2026-12-05', reports, publicUrl: 'https://tansiq.example.ma' });
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.filter((block: any) => block.accessory?.action_id === 'tsq_report_open')).toHaveLength(20);
    expect(JSON.stringify(message.blocks)).toContain('متأخر');
    expect(pendingReportsBlocks('fr', { organisation: 'Santé', today: '2026-12-05', reports: [], publicUrl: 'x' }).text).toContain('aucun rapport');
  });
});
