import { Show } from 'solid-js';
import type * as Y from 'yjs';
import { updateMeasure, type MeasureFields } from '../../../../shared/doc-schema.ts';
import { OverdueBadge } from '../../components/Badges.tsx';
import { formatNumber, t } from '../../i18n/index.ts';
import { isOverdue } from '../../lib/dates.ts';
import { deleteMeasure, moveMeasure } from '../../lib/measures.ts';
import { BudgetCell, DateCell, LeadCell, PartnersCell, ProgressCell, StatusCell, TextCell } from './MeasureCells.tsx';

export function MeasureRow(props: {
  doc: Y.Doc;
  measure: MeasureFields;
  index: number;
  count: number;
  editable: boolean;
  /** open comment threads about this measure */
  comments: number;
  onComments: () => void;
}) {
  const set = (patch: Partial<Omit<MeasureFields, 'id'>>) => updateMeasure(props.doc, props.measure.id, patch);
  const name = () => props.measure.title || t('measures.untitled');
  const remove = () => {
    if (window.confirm(t('measures.confirmDelete', { title: name() }))) deleteMeasure(props.doc, props.measure.id);
  };
  return (
    <tr id={`measure-${props.measure.id}`} classList={{ overdue: isOverdue(props.measure) }}>
      <td class="narrow number">{formatNumber(props.index + 1)}</td>
      <td class="wide sticky">
        <TextCell id={`measure-title-${props.measure.id}`} doc={props.doc} measureId={props.measure.id} field="title" label={t('measures.measure')} value={props.measure.title} editable={props.editable} />
        <Show when={isOverdue(props.measure)}>
          <OverdueBadge />
        </Show>
      </td>
      <td><LeadCell value={props.measure.leadOrganisationId} editable={props.editable} onChange={(leadOrganisationId) => set({ leadOrganisationId })} /></td>
      <td><PartnersCell value={props.measure.partnerOrganisationIds} lead={props.measure.leadOrganisationId} editable={props.editable} onChange={(partnerOrganisationIds) => set({ partnerOrganisationIds })} /></td>
      <td><DateCell label={t('measures.start')} value={props.measure.start} editable={props.editable} onChange={(start) => set({ start })} /></td>
      <td><DateCell label={t('measures.due')} value={props.measure.due} editable={props.editable} onChange={(due) => set({ due })} /></td>
      <td><StatusCell value={props.measure.status} editable={props.editable} onChange={(status) => set({ status })} /></td>
      <td><ProgressCell value={props.measure.progress} editable={props.editable} onChange={(progress) => set({ progress })} /></td>
      <td class="wide"><TextCell doc={props.doc} measureId={props.measure.id} field="indicator" label={t('measures.indicator')} value={props.measure.indicator} editable={props.editable} /></td>
      <td><BudgetCell value={props.measure.budget} editable={props.editable} onChange={(budget) => set({ budget })} /></td>
      <td>
        <button type="button" class="comment-count" classList={{ empty: props.comments === 0 }} data-testid="measure-comments" onClick={() => props.onComments()}
          aria-label={t('comments.measureThreads', { title: name(), count: props.comments })} title={t('comments.measureThreads', { title: name(), count: props.comments })}>
          <svg viewBox="0 0 24 24" aria-hidden="true" class="icon"><path d="M4 5h16v11H10l-5 4v-4H4z" /></svg> {formatNumber(props.comments)}
        </button>
      </td>
      <Show when={props.editable}>
        <td>
          <div class="row-actions">
          <button type="button" class="tool" disabled={props.index === 0} aria-label={t('measures.moveUp', { title: name() })} title={t('measures.moveUp', { title: name() })} onClick={() => moveMeasure(props.doc, props.measure.id, -1)}>↑</button>
          <button type="button" class="tool" disabled={props.index === props.count - 1} aria-label={t('measures.moveDown', { title: name() })} title={t('measures.moveDown', { title: name() })} onClick={() => moveMeasure(props.doc, props.measure.id, 1)}>↓</button>
          <button type="button" class="tool danger" aria-label={t('measures.delete', { title: name() })} title={t('measures.delete', { title: name() })} onClick={remove}>✕</button>
          </div>
        </td>
      </Show>
    </tr>
  );
}
