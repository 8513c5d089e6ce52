import { A } from '@solidjs/router';
import { For, Show, createSignal, onCleanup, type JSX } from 'solid-js';
import { ApiError } from '../../api/client.ts';
import { cycles, type CycleReport, type ReportField } from '../../api/cycles.ts';
import { MEASURE_STATUSES } from '../../../../shared/measure-model.ts';
import { indicatorProgress } from '../../../../shared/indicator.ts';
import { errorMessage, formatNumber, formatPercent, t } from '../../i18n/index.ts';
import { edit, freshDraft, patchOf, problemOf, rebase, saved, settle, type Draft, type FieldProblem } from '../../lib/report-draft.ts';
import { useServerEvent } from '../../realtime/socket.ts';
import { personName } from '../../state/people.ts';
import { currentUser } from '../../state/session.ts';
import { ReportStateBadge } from './CycleBadges.tsx';

/** How long typing rests before the draft saves itself. */
const AUTOSAVE_MS = 800;

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * One measure's report, as its organisation's focal points fill it in: saved as they type,
 * rebased when a colleague saves the same report (their change shows; a field both changed is
 * settled by hand), then submitted.
 */
export function ReportForm(props: { report: CycleReport; readOnly?: boolean; onChange?: (report: CycleReport) => void }) {
  const [report, setReport] = createSignal(props.report);
  const [draft, setDraft] = createSignal<Draft>(freshDraft(props.report.values));
  const [saveState, setSaveState] = createSignal<SaveState>('idle');
  const [serverProblems, setServerProblems] = createSignal<Partial<Record<ReportField, string>>>({});
  const [error, setError] = createSignal<string | null>(null);
  const [colleague, setColleague] = createSignal<string | null>(null);
  const [submitting, setSubmitting] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  onCleanup(() => clearTimeout(timer));

  const editable = () => !props.readOnly && ['not_started', 'draft', 'returned'].includes(report().state);
  const accept = (next: CycleReport) => {
    setReport(next);
    props.onChange?.(next);
  };

  /** The server's report moved under us: show it, keep what was typed here. */
  const takeIncoming = (incoming: CycleReport, by: string | null) => {
    if (incoming.version <= report().version) return;
    const before = draft();
    const after = rebase(before, incoming.values);
    setDraft(after);
    accept(incoming);
    if (by !== currentUser()?.id) setColleague(by ? personName(by) : t('cycles.aColleague'));
  };

  const save = async (): Promise<void> => {
    if (inFlight) {
      await inFlight;
      return save();
    }
    const current = draft();
    const patch = patchOf(current);
    if (Object.keys(patch).length === 0) {
      setSaveState(current.dirty.size === 0 ? 'saved' : 'idle');
      return;
    }
    setSaveState('saving');
    setError(null);
    inFlight = (async () => {
      try {
        const next = await cycles.save(report().cycleId, report().id, report().version, patch);
        setServerProblems({});
        setDraft(saved(draft(), current.local, next.values));
        accept(next);
        setSaveState('saved');
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === 'stale_report') {
          // A colleague saved first: take theirs under ours, then save what is still ours.
          const latest = (caught.details as { report?: CycleReport } | undefined)?.report;
          if (latest) takeIncoming(latest, null);
          setSaveState('pending');
          schedule(0);
        } else if (caught instanceof ApiError && caught.code === 'validation_failed') {
          const problems: Partial<Record<ReportField, string>> = {};
          for (const detail of (caught.details as Array<{ path?: string; message?: string }> | undefined) ?? []) {
            const field = detail.path?.replace(/^values\./, '') as ReportField | undefined;
            if (field) problems[field] = detail.message ?? '';
          }
          setServerProblems(problems);
          setSaveState('error');
        } else {
          setError(errorMessage(caught));
          setSaveState('error');
        }
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
  };

  const schedule = (delay = AUTOSAVE_MS) => {
    clearTimeout(timer);
    setSaveState('pending');
    timer = setTimeout(() => void save(), delay);
  };

  const change = (field: ReportField, value: string) => {
    setDraft(edit(draft(), field, value));
    setColleague(null);
    schedule();
  };

  useServerEvent('cycle:changed', (event) => {
    if (event.reportId !== report().id || event.version === null || event.version <= report().version) return;
    void cycles.report(report().cycleId, report().id).then(
      (incoming) => takeIncoming(incoming, event.actorUserId),
      () => undefined,
    );
  });

  const submit = async () => {
    clearTimeout(timer);
    setSubmitting(true);
    setError(null);
    try {
      await save();
      if (draft().dirty.size > 0) return;
      accept(await cycles.submit(report().cycleId, report().id, report().version));
      setSaveState('idle');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'incomplete_report') {
        const problems: Partial<Record<ReportField, string>> = {};
        for (const detail of (caught.details as Array<{ path?: string }> | undefined) ?? []) {
          const field = detail.path?.replace(/^values\./, '') as ReportField | undefined;
          if (field) problems[field] = t('cycles.required');
        }
        setServerProblems(problems);
      } else setError(errorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  };

  const problemText = (field: ReportField): string | null => {
    const local = problemOf(field, draft().local[field]);
    if (local) return t(`cycles.problem.${local}` as `cycles.problem.${FieldProblem}`);
    return serverProblems()[field] ?? null;
  };
  const id = (field: ReportField) => `report-${report().id}-${field}`;
  const progressShare = () => {
    const value = Number(draft().local.indicatorCurrent.replace(',', '.'));
    return indicatorProgress({
      indicatorBaseline: report().indicator.baseline,
      indicatorTarget: report().indicator.target,
      indicatorCurrent: Number.isFinite(value) && draft().local.indicatorCurrent !== '' ? value : null,
    });
  };
  const fmt = (value: number | null) => (value === null ? '—' : formatNumber(value));

  const field = (name: ReportField, label: string, control: JSX.Element, hint?: string) => (
    <div class="field" classList={{ 'has-conflict': draft().conflicts.has(name) }}>
      <label for={id(name)}>{label}</label>
      {control}
      <Show when={hint}>
        <span class="hint">{hint}</span>
      </Show>
      <Show when={problemText(name)}>
        {(text) => (
          <span class="field-error" id={`${id(name)}-error`} role="alert">
            {text()}
          </span>
        )}
      </Show>
      <Show when={draft().conflicts.get(name)}>
        {(theirs) => (
          <div class="report-conflict" role="alert">
            <p>{t('cycles.conflict', { value: theirs() || '—' })}</p>
            <div class="actions">
              <button
                type="button"
                class="button subtle"
                onClick={() => {
                  setDraft(settle(draft(), name, 'mine'));
                  schedule(0);
                }}>
                {t('cycles.keepMine')}
              </button>
              <button
                type="button"
                class="button subtle"
                onClick={() => {
                  setDraft(settle(draft(), name, 'theirs'));
                  schedule(0);
                }}>
                {t('cycles.takeTheirs')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
  const invalid = (name: ReportField) => (problemText(name) ? 'true' : undefined);
  const describedBy = (name: ReportField) => (problemText(name) ? `${id(name)}-error` : undefined);

  return (
    <article class="report-card" data-report={report().id} data-state={report().state} aria-labelledby={`${id('status')}-title`}>
      <header class="report-card-head">
        <div>
          <h3 id={`${id('status')}-title`} dir="auto">
            {report().measureTitle}
          </h3>
          <p class="hint">
            <A href={`/documents/${report().documentId}?view=measures&measure=${encodeURIComponent(report().measureId)}`} dir="auto">
              {report().documentTitle}
            </A>
            {' · '}
            <A href={`/cycles/history?documentId=${report().documentId}&measureId=${encodeURIComponent(report().measureId)}`}>{t('cycles.history.link')}</A>
          </p>
        </div>
        <div class="report-card-badges">
          <ReportStateBadge state={report().state} />
          <Show when={report().late}>
            <span class="badge overdue">{t('cycles.late')}</span>
          </Show>
        </div>
      </header>
      <Show when={report().state === 'returned' && report().reviewComment}>
        <div class="notice warning" role="status">
          <p>{t('cycles.returnedWith', { person: personName(report().reviewedBy) })}</p>
          <p dir="auto">{report().reviewComment}</p>
        </div>
      </Show>
      <Show when={colleague()}>
        {(name) => (
          <div class="notice info report-colleague" role="status">
            {t('cycles.colleagueChanged', { person: name() })}
          </div>
        )}
      </Show>
      <fieldset class="report-fields" disabled={!editable()}>
        <legend class="visually-hidden">{report().measureTitle}</legend>
        <div class="report-grid">
          {field(
            'status',
            t('cycles.field.status'),
            <select
              id={id('status')}
              value={draft().local.status}
              onChange={(event) => change('status', event.currentTarget.value)}
              aria-invalid={invalid('status')}
              aria-describedby={describedBy('status')}>
              <option value="">{t('cycles.choose')}</option>
              <For each={MEASURE_STATUSES}>{(status) => <option value={status}>{t(`measureStatus.${status}`)}</option>}</For>
            </select>,
          )}
          {field(
            'progress',
            t('cycles.field.progress'),
            <input
              id={id('progress')}
              type="text"
              inputmode="numeric"
              dir="ltr"
              value={draft().local.progress}
              onInput={(event) => change('progress', event.currentTarget.value)}
              aria-invalid={invalid('progress')}
              aria-describedby={describedBy('progress')}
            />,
            t('cycles.progressHint'),
          )}
          {field(
            'indicatorCurrent',
            t('cycles.field.indicator'),
            <input
              id={id('indicatorCurrent')}
              type="text"
              inputmode="decimal"
              dir="ltr"
              value={draft().local.indicatorCurrent}
              onInput={(event) => change('indicatorCurrent', event.currentTarget.value)}
              aria-invalid={invalid('indicatorCurrent')}
              aria-describedby={describedBy('indicatorCurrent')}
            />,
            report().indicator.baseline === null && report().indicator.target === null && !report().indicator.unit
              ? undefined
              : t('cycles.indicatorFrame', { baseline: fmt(report().indicator.baseline), target: fmt(report().indicator.target), unit: report().indicator.unit || '—' }),
          )}
        </div>
        <Show when={progressShare() !== null}>
          <div class="report-indicator-bar" aria-hidden="true">
            <span style={{ 'inline-size': `${Math.round((progressShare() ?? 0) * 100)}%` }} />
          </div>
          <p class="hint">{t('cycles.indicatorShare', { share: formatPercent((progressShare() ?? 0) * 100) })}</p>
        </Show>
        {field(
          'narrative',
          t('cycles.field.narrative'),
          <textarea
            id={id('narrative')}
            rows="3"
            dir="auto"
            value={draft().local.narrative}
            onInput={(event) => change('narrative', event.currentTarget.value)}
            aria-invalid={invalid('narrative')}
            aria-describedby={describedBy('narrative')}
          />,
        )}
        <div class="report-grid two">
          {field(
            'blockers',
            t('cycles.field.blockers'),
            <textarea
              id={id('blockers')}
              rows="2"
              dir="auto"
              value={draft().local.blockers}
              onInput={(event) => change('blockers', event.currentTarget.value)}
              aria-invalid={invalid('blockers')}
              aria-describedby={describedBy('blockers')}
            />,
          )}
          {field(
            'supportRequested',
            t('cycles.field.support'),
            <textarea
              id={id('supportRequested')}
              rows="2"
              dir="auto"
              value={draft().local.supportRequested}
              onInput={(event) => change('supportRequested', event.currentTarget.value)}
              aria-invalid={invalid('supportRequested')}
              aria-describedby={describedBy('supportRequested')}
            />,
          )}
        </div>
      </fieldset>
      <Show when={error()}>
        <div class="notice error" role="alert">
          {error()}
        </div>
      </Show>
      <footer class="report-card-foot">
        <span class="save-state" role="status" aria-live="polite" data-save={saveState()}>
          {saveState() === 'saving' || saveState() === 'pending' ? t('cycles.saving') : saveState() === 'saved' ? t('cycles.saved') : ''}
        </span>
        <Show when={editable()}>
          <button type="button" class="button primary" disabled={submitting() || draft().conflicts.size > 0} onClick={() => void submit()}>
            {t('cycles.submit')}
          </button>
        </Show>
        <Show when={report().submittedAt && !editable()}>
          <span class="hint">{t('cycles.submittedBy', { person: personName(report().submittedBy) })}</span>
        </Show>
      </footer>
    </article>
  );
}
