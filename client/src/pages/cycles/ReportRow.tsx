import { A } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { cycles, type CycleReport } from '../../api/cycles.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatNumber, formatPercent, t } from '../../i18n/index.ts';
import { organisationLabel } from '../../state/directory.ts';
import { personName } from '../../state/people.ts';
import { ReportStateBadge } from './CycleBadges.tsx';

/** One report as the coordination unit reviews it: what it says, then return (with a comment) or accept. */
export function ReportRow(props: { report: CycleReport; reviewable: boolean; onChange: (report: CycleReport) => void; onError: (error: unknown) => void }) {
  const [asking, setAsking] = createSignal<'return' | 'accept' | null>(null);
  const [busy, setBusy] = createSignal(false);
  const report = () => props.report;
  const values = () => report().values;
  const decide = async (decision: 'return' | 'accept', comment: string) => {
    setBusy(true);
    try {
      props.onChange(await cycles.review(report().cycleId, report().id, decision, report().version, comment || undefined));
      setAsking(null);
    } catch (caught) {
      props.onError(caught);
    } finally {
      setBusy(false);
    }
  };
  const indicator = () => {
    const { baseline, target, unit } = report().indicator;
    const current = values().indicatorCurrent;
    if (current === null && target === null) return null;
    return `${current === null ? '—' : formatNumber(current)}${target === null ? '' : ` / ${formatNumber(target)}`}${unit ? ` ${unit}` : ''}${baseline === null ? '' : ` (${t('cycles.baselineShort', { value: formatNumber(baseline) })})`}`;
  };
  const said = () => values().narrative || values().blockers || values().supportRequested;
  return (
    <article class="report-row" data-report={report().id} data-state={report().state}>
      <div class="report-row-main">
        <div class="report-row-title">
          <strong dir="auto">{report().measureTitle}</strong>
          <span class="hint" dir="auto">
            <A href={`/documents/${report().documentId}`}>{report().documentTitle}</A> · {organisationLabel(report().leadOrganisationId)}
          </span>
        </div>
        <div class="report-row-values">
          <ReportStateBadge state={report().state} />
          <Show when={report().late}>
            <span class="badge overdue">{t('cycles.late')}</span>
          </Show>
          <Show when={values().status}>{(status) => <span class={`badge measure-${status()}`}>{t(`measureStatus.${status()}`)}</span>}</Show>
          <Show when={values().progress !== null}>
            <span class="report-progress">{formatPercent(values().progress!)}</span>
          </Show>
          <Show when={indicator()}>
            {(text) => (
              <span class="report-indicator" dir="auto">
                {text()}
              </span>
            )}
          </Show>
        </div>
        <Show when={props.reviewable && report().state === 'submitted'}>
          <div class="actions">
            <button type="button" class="button subtle small" onClick={() => setAsking('return')}>
              {t('cycles.return')}
            </button>
            <button type="button" class="button primary small" disabled={busy()} onClick={() => void decide('accept', '')}>
              {t('cycles.accept')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={said()}>
        <details class="report-row-text">
          <summary>{t('cycles.readReport')}</summary>
          <Show when={values().narrative}>
            <p dir="auto">
              <strong>{t('cycles.field.narrative')}</strong> {values().narrative}
            </p>
          </Show>
          <Show when={values().blockers}>
            <p dir="auto">
              <strong>{t('cycles.field.blockers')}</strong> {values().blockers}
            </p>
          </Show>
          <Show when={values().supportRequested}>
            <p dir="auto">
              <strong>{t('cycles.field.support')}</strong> {values().supportRequested}
            </p>
          </Show>
        </details>
      </Show>
      <Show when={report().reviewComment}>
        <p class="hint" dir="auto">
          {t('cycles.reviewNote', { person: personName(report().reviewedBy) })} {report().reviewComment}
        </p>
      </Show>
      <Show when={asking() === 'return'}>
        <ConfirmDialog
          title={t('cycles.returnTitle', { measure: report().measureTitle })}
          textLabel={t('cycles.returnComment')}
          textRequired
          confirmLabel={t('cycles.return')}
          tone="warning"
          busy={busy()}
          onConfirm={(text) => void decide('return', text)}
          onCancel={() => setAsking(null)}
        />
      </Show>
    </article>
  );
}
