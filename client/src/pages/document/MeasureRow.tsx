import { createEffect, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { setMeasureDates, updateMeasure, type MeasureFields } from '../../../../shared/doc-schema.ts';
import { OverdueBadge } from '../../components/Badges.tsx';
import { formatNumber, t } from '../../i18n/index.ts';
import { isOverdue } from '../../lib/dates.ts';
import type { MeasureColumnId } from '../../lib/grid-columns.ts';
import { deleteMeasure, moveMeasure } from '../../lib/measures.ts';
import type { IndicatorHistoryEntry } from '../../api/indicators.ts';
import { IndicatorSummary } from './indicators/IndicatorSummary.tsx';
import { BudgetCell, DateCell, LeadCell, PartnersCell, ProgressCell, StatusCell, TextCell } from './MeasureCells.tsx';

/**
 * One measure: a table row on a wide screen, a card on a phone (tables.css). Each cell carries
 * its column's name (data-label) for the card layout and its column id (data-column).
 */
export function MeasureRow(props: {
  doc: Y.Doc;
  measure: MeasureFields;
  /** place in the document's own order */
  position: number;
  /** the row's place among all the table's rows, header included (aria-rowindex: only a window is rendered) */
  rowIndex?: number;
  count: number;
  editable: boolean;
  /** rows can be moved only while shown in the document's order */
  movable: boolean;
  /** open comment threads about this measure */
  comments: number;
  onComments: () => void;
  /** the columns shown, in order */
  columns: readonly MeasureColumnId[];
  /** whether this row's cell in `column` is in the block selected for copying */
  selected: (column: MeasureColumnId) => boolean;
  /** the recorded values of its indicator, oldest first */
  history: IndicatorHistoryEntry[];
  onDetail: () => void;
  /** the row's element (a windowed grid reuses it for other measures, and measures cards) */
  ref?: (row: HTMLTableRowElement) => void;
}) {
  const set = (patch: Partial<Omit<MeasureFields, 'id'>>) => updateMeasure(props.doc, props.measure.id, patch);
  const name = () => props.measure.title || t('measures.untitled');
  const remove = () => {
    if (window.confirm(t('measures.confirmDelete', { title: name() }))) deleteMeasure(props.doc, props.measure.id);
  };
  const moveTitle = (key: 'measures.moveUp' | 'measures.moveDown') => (props.movable ? t(key, { title: name() }) : t('grid.moveNeedsOrder'));
  // One renderer per column (grid-columns.ts), so hidden columns are simply not built.
  const cells: Record<MeasureColumnId, () => JSX.Element> = {
    number: () => <td class="narrow number">{formatNumber(props.position + 1)}</td>,
    title: () => (
      <td class="wide sticky title-cell" data-label={t('measures.measure')}>
        <TextCell
          id={`measure-title-${props.measure.id}`}
          doc={props.doc}
          measureId={props.measure.id}
          field="title"
          label={t('measures.measure')}
          value={props.measure.title}
          editable={props.editable}
        />
        <Show when={isOverdue(props.measure)}>
          <OverdueBadge />
        </Show>
      </td>
    ),
    lead: () => (
      <td class="lead-cell" data-label={t('measures.lead')}>
        <LeadCell value={props.measure.leadOrganisationId} editable={props.editable} onChange={(leadOrganisationId) => set({ leadOrganisationId })} />
      </td>
    ),
    partners: () => (
      <td class="partners-cell" data-label={t('measures.partners')}>
        <PartnersCell
          value={props.measure.partnerOrganisationIds}
          lead={props.measure.leadOrganisationId}
          editable={props.editable}
          onChange={(partnerOrganisationIds) => set({ partnerOrganisationIds })}
        />
      </td>
    ),
    // Dates go through setMeasureDates, which refuses a start after the due date.
    start: () => (
      <td data-label={t('measures.start')}>
        <DateCell
          label={t('measures.start')}
          value={props.measure.start}
          max={props.measure.due}
          editable={props.editable}
          onChange={(start) => setMeasureDates(props.doc, props.measure.id, { start })}
        />
      </td>
    ),
    due: () => (
      <td data-label={t('measures.due')}>
        <DateCell
          label={t('measures.due')}
          value={props.measure.due}
          min={props.measure.start}
          editable={props.editable}
          onChange={(due) => setMeasureDates(props.doc, props.measure.id, { due })}
        />
      </td>
    ),
    status: () => (
      <td data-label={t('measures.status')}>
        <StatusCell value={props.measure.status} editable={props.editable} onChange={(status) => set({ status })} />
      </td>
    ),
    progress: () => (
      <td data-label={t('measures.progress')}>
        <ProgressCell value={props.measure.progress} editable={props.editable} onChange={(progress) => set({ progress })} />
      </td>
    ),
    indicator: () => (
      <td class="wide indicator-cell" data-label={t('measures.indicator')}>
        <TextCell doc={props.doc} measureId={props.measure.id} field="indicator" label={t('measures.indicator')} value={props.measure.indicator} editable={props.editable} />
        <IndicatorSummary measure={props.measure} history={props.history} onOpen={() => props.onDetail()} />
      </td>
    ),
    budget: () => (
      <td data-label={t('measures.budget')}>
        <BudgetCell
          value={props.measure.budget}
          currency={props.measure.currency}
          editable={props.editable}
          onChange={(budget) => set({ budget })}
          onCurrency={(currency) => set({ currency })}
        />
      </td>
    ),
    notes: () => (
      <td class="wide" data-label={t('grid.notes')}>
        <TextCell doc={props.doc} measureId={props.measure.id} field="notes" label={t('grid.notes')} value={props.measure.notes} editable={props.editable} />
      </td>
    ),
    actions: () => (
      <td class="actions-cell">
        <div class="row-actions">
          <button
            type="button"
            class="comment-count"
            classList={{ empty: props.comments === 0 }}
            data-testid="measure-comments"
            onClick={() => props.onComments()}
            aria-label={t('comments.measureThreads', { title: name(), count: props.comments })}
            title={t('comments.measureThreads', { title: name(), count: props.comments })}>
            <svg viewBox="0 0 24 24" aria-hidden="true" class="icon">
              <path d="M4 5h16v11H10l-5 4v-4H4z" />
            </svg>{' '}
            {formatNumber(props.comments)}
          </button>
          <Show when={props.editable}>
            <button
              type="button"
              class="tool"
              disabled={!props.movable || props.position === 0}
              aria-label={moveTitle('measures.moveUp')}
              title={moveTitle('measures.moveUp')}
              onClick={() => moveMeasure(props.doc, props.measure.id, -1)}>
              ↑
            </button>
            <button
              type="button"
              class="tool"
              disabled={!props.movable || props.position === props.count - 1}
              aria-label={moveTitle('measures.moveDown')}
              title={moveTitle('measures.moveDown')}
              onClick={() => moveMeasure(props.doc, props.measure.id, 1)}>
              ↓
            </button>
            <button type="button" class="tool danger" aria-label={t('measures.delete', { title: name() })} title={t('measures.delete', { title: name() })} onClick={remove}>
              ✕
            </button>
          </Show>
        </div>
      </td>
    ),
  };
  return (
    <tr ref={props.ref} id={`measure-${props.measure.id}`} aria-rowindex={props.rowIndex} classList={{ overdue: isOverdue(props.measure) }}>
      <For each={props.columns}>
        {(column) => {
          const cell = cells[column]() as HTMLTableCellElement;
          cell.dataset.column = column;
          createEffect(() => cell.classList.toggle('selected', props.selected(column)));
          return cell;
        }}
      </For>
    </tr>
  );
}
