import { For, Show, createSignal, onMount } from 'solid-js';
import type * as Y from 'yjs';
import { MAX_INDICATOR_MAGNITUDE, updateMeasure, type IndicatorValueField, type MeasureFields } from '../../../../../shared/doc-schema.ts';
import { indicatorProgress } from '../../../../../shared/indicator.ts';
import { parseIndicatorInput } from '../../../../../shared/indicator.ts';
import type { IndicatorHistoryEntry } from '../../../api/indicators.ts';
import { formatDateTime, formatNumber, formatPercent, t } from '../../../i18n/index.ts';
import { chartSeries } from '../../../lib/sparkline.ts';
import { TextCell } from '../MeasureCells.tsx';
import { Sparkline } from './Sparkline.tsx';

/**
 * A measure's indicator in full, in a modal dialog: its name, baseline, target, current value
 * and unit (editable by editors, written to the Y.Doc), progress towards the target, the chart
 * and the history of values with who set each (the server's record), and its comments.
 */
export function MeasureDetail(props: {
  doc: Y.Doc;
  measure: MeasureFields;
  history: IndicatorHistoryEntry[];
  editable: boolean;
  comments: number;
  onComments: () => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const title = () => props.measure.title || t('measures.untitled');
  const progress = () => indicatorProgress(props.measure);
  const series = () =>
    chartSeries(
      props.history.map((entry) => entry.value),
      props.measure.indicatorCurrent,
    );
  const newestFirst = () => [...props.history].reverse();
  return (
    <dialog ref={dialog} class="measure-detail" aria-labelledby="measure-detail-title" data-testid="measure-detail" onClose={() => props.onClose()}>
      <header class="measure-detail-head">
        <h2 id="measure-detail-title" dir="auto">
          {t('indicator.detailTitle', { title: title() })}
        </h2>
        <button type="button" class="tool" aria-label={t('indicator.close')} title={t('indicator.close')} onClick={() => dialog.close()}>
          ✕
        </button>
      </header>
      <div class="measure-detail-body">
        <label class="field wide-field">
          <span>{t('indicator.name')}</span>
          <TextCell doc={props.doc} measureId={props.measure.id} field="indicator" label={t('indicator.name')} value={props.measure.indicator} editable={props.editable} bound />
        </label>
        <div class="indicator-fields">
          <IndicatorNumber
            doc={props.doc}
            measureId={props.measure.id}
            field="indicatorBaseline"
            label={t('indicator.baseline')}
            value={props.measure.indicatorBaseline}
            editable={props.editable}
          />
          <IndicatorNumber
            doc={props.doc}
            measureId={props.measure.id}
            field="indicatorTarget"
            label={t('indicator.target')}
            value={props.measure.indicatorTarget}
            editable={props.editable}
          />
          <IndicatorNumber
            doc={props.doc}
            measureId={props.measure.id}
            field="indicatorCurrent"
            label={t('indicator.current')}
            value={props.measure.indicatorCurrent}
            editable={props.editable}
          />
          <label class="field">
            <span>{t('indicator.unit')}</span>
            <TextCell
              doc={props.doc}
              measureId={props.measure.id}
              field="indicatorUnit"
              label={t('indicator.unit')}
              value={props.measure.indicatorUnit}
              editable={props.editable}
              bound
            />
          </label>
        </div>
        <Show when={progress() !== null}>
          <div class="indicator-target-progress">
            <span>{t('indicator.progress', { percent: formatPercent(progress()! * 100) })}</span>
            <div class="progress-bar" role="img" aria-label={formatPercent(progress()! * 100)}>
              <span style={{ 'inline-size': `${progress()! * 100}%` }} />
            </div>
          </div>
        </Show>
        <section aria-labelledby="indicator-history-title" class="indicator-history">
          <h3 id="indicator-history-title">{t('indicator.history')}</h3>
          <Sparkline values={series()} target={props.measure.indicatorTarget} width={320} height={96} dots />
          <Show when={props.history.length > 0} fallback={<p class="muted">{t('indicator.historyEmpty')}</p>}>
            <ol class="history-list" data-testid="indicator-history">
              <For each={newestFirst()}>
                {(entry) => (
                  <li>
                    <bdi class="history-value">
                      {entry.value === null ? t('indicator.cleared') : `${formatNumber(entry.value)}${props.measure.indicatorUnit ? ` ${props.measure.indicatorUnit}` : ''}`}
                    </bdi>
                    <span class="muted">
                      {' — '}
                      <bdi>{entry.by?.name || t('indicator.unknownAuthor')}</bdi>
                      {' · '}
                      <time dateTime={entry.at}>
                        <bdi>{formatDateTime(entry.at)}</bdi>
                      </time>
                    </span>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </section>
        <button
          type="button"
          class="button subtle"
          data-testid="detail-comments"
          onClick={() => {
            props.onComments();
            dialog.close();
          }}>
          {t('indicator.comments')} ({formatNumber(props.comments)})
        </button>
      </div>
    </dialog>
  );
}

/** A number field: "3,5" and "3.5" both read; anything else is said, and nothing is written. */
function IndicatorNumber(props: { doc: Y.Doc; measureId: string; field: IndicatorValueField; label: string; value: number | null; editable: boolean }) {
  const [error, setError] = createSignal(false);
  const id = `indicator-${props.field}-${props.measureId}`;
  const commit = (text: string) => {
    const value = parseIndicatorInput(text, MAX_INDICATOR_MAGNITUDE);
    setError(value === 'invalid');
    if (value !== 'invalid' && value !== props.value) updateMeasure(props.doc, props.measureId, { [props.field]: value });
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <Show
        when={props.editable}
        fallback={
          <span id={id} class="cell-text">
            {props.value === null ? '—' : formatNumber(props.value)}
          </span>
        }>
        <input
          id={id}
          class="cell-input number"
          inputmode="decimal"
          dir="ltr"
          data-field={props.field}
          value={props.value === null ? '' : String(props.value)}
          aria-invalid={error()}
          aria-describedby={error() ? `${id}-error` : undefined}
          onChange={(event) => commit(event.currentTarget.value)}
        />
      </Show>
      <Show when={error()}>
        <span id={`${id}-error`} class="field-error" role="alert">
          {t('indicator.badNumber')}
        </span>
      </Show>
    </div>
  );
}
