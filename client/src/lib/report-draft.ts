import { parseIndicatorInput } from '../../../shared/indicator.ts';
import { REPORT_LIMITS } from '../../../shared/api/cycles.ts';
import type { ReportField, ReportPatch, ReportValues } from '../api/cycles.ts';

/**
 * A focal point's draft of one report, pure: the values as typed, the server's values they
 * started from, and which fields were changed here. When the server's report moves (a colleague
 * of the same organisation saved, or a save was refused as stale), the draft is rebased: fields
 * not touched here take the new values; a field both changed is a conflict the person settles
 * (keep mine / take theirs) — never overwritten silently either way.
 */

export type FormValues = Record<ReportField, string>;

export const toForm = (values: ReportValues): FormValues => ({
  status: values.status ?? '',
  progress: values.progress === null ? '' : String(values.progress),
  indicatorCurrent: values.indicatorCurrent === null ? '' : String(values.indicatorCurrent),
  narrative: values.narrative,
  blockers: values.blockers,
  supportRequested: values.supportRequested,
});

export interface Draft {
  local: FormValues;
  /** the server's values the local ones were typed over */
  base: FormValues;
  dirty: ReadonlySet<ReportField>;
  /** fields changed here and, meanwhile, by someone else: their value */
  conflicts: ReadonlyMap<ReportField, string>;
}

export const freshDraft = (values: ReportValues): Draft => ({ local: toForm(values), base: toForm(values), dirty: new Set(), conflicts: new Map() });

export function edit(draft: Draft, field: ReportField, value: string): Draft {
  const dirty = new Set(draft.dirty);
  if (value === draft.base[field] && !draft.conflicts.has(field)) dirty.delete(field);
  else dirty.add(field);
  return { ...draft, local: { ...draft.local, [field]: value }, dirty };
}

/** The server's report is now `incoming`: take it under what was typed here. */
export function rebase(draft: Draft, incoming: ReportValues): Draft {
  const next = toForm(incoming);
  const local = { ...draft.local };
  const dirty = new Set(draft.dirty);
  const conflicts = new Map(draft.conflicts);
  for (const field of Object.keys(next) as ReportField[]) {
    if (!dirty.has(field)) {
      local[field] = next[field];
      conflicts.delete(field);
    } else if (next[field] === local[field]) {
      // Both wrote the same thing: nothing left to save.
      dirty.delete(field);
      conflicts.delete(field);
    } else if (next[field] !== draft.base[field]) {
      conflicts.set(field, next[field]);
    }
  }
  return { local, base: next, dirty, conflicts };
}

/** Settles a conflict: keep what was typed here (saved next), or take theirs. */
export function settle(draft: Draft, field: ReportField, keep: 'mine' | 'theirs'): Draft {
  const conflicts = new Map(draft.conflicts);
  const theirs = conflicts.get(field);
  conflicts.delete(field);
  if (keep === 'mine' || theirs === undefined) return { ...draft, conflicts };
  const dirty = new Set(draft.dirty);
  dirty.delete(field);
  return { ...draft, local: { ...draft.local, [field]: theirs }, dirty, conflicts };
}

export type FieldProblem = 'progressRange' | 'progressWhole' | 'indicatorNumber' | 'tooLong';

/** the server's limits (shared/api/cycles.ts) for the fields that have one */
export const LIMITS: Partial<Record<ReportField, number>> = {
  narrative: REPORT_LIMITS.narrative,
  blockers: REPORT_LIMITS.blockers,
  supportRequested: REPORT_LIMITS.supportRequested,
};

/** What is wrong with a typed value, before it is sent (the server checks again). */
export function problemOf(field: ReportField, value: string): FieldProblem | null {
  if (field === 'progress' && value.trim() !== '') {
    if (!/^[-+]?\d+$/.test(value.trim())) return /^[-+]?\d*[.,]\d+$/.test(value.trim()) ? 'progressWhole' : 'progressRange';
    const number = Number(value);
    return number < 0 || number > 100 ? 'progressRange' : null;
  }
  if (field === 'indicatorCurrent') return parseIndicatorInput(value) === 'invalid' ? 'indicatorNumber' : null;
  const limit = LIMITS[field];
  return limit !== undefined && value.length > limit ? 'tooLong' : null;
}

/** The fields to save now: changed here, valid, and not in conflict. */
export function patchOf(draft: Draft): ReportPatch {
  const patch: ReportPatch = {};
  for (const field of draft.dirty) {
    if (draft.conflicts.has(field)) continue;
    const value = draft.local[field];
    if (problemOf(field, value)) continue;
    if (field === 'status') patch.status = value === '' ? null : (value as ReportValues['status']);
    else if (field === 'progress') patch.progress = value.trim() === '' ? null : Number(value);
    else if (field === 'indicatorCurrent') patch.indicatorCurrent = value.trim() === '' ? null : value;
    else patch[field] = value;
  }
  return patch;
}

/** After a save of `sent` succeeded: those fields are saved unless typed again meanwhile. */
export function saved(draft: Draft, sentFrom: FormValues, incoming: ReportValues): Draft {
  const next = toForm(incoming);
  const dirty = new Set(draft.dirty);
  for (const field of draft.dirty) if (draft.local[field] === sentFrom[field] && !draft.conflicts.has(field)) dirty.delete(field);
  const local = { ...draft.local };
  for (const field of Object.keys(next) as ReportField[]) if (!dirty.has(field)) local[field] = next[field];
  return { local, base: next, dirty, conflicts: draft.conflicts };
}
