import { For, Show } from 'solid-js';
import type * as Y from 'yjs';
import type { MeasureFields } from '../../../../shared/doc-schema.ts';
import { EmptyState } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { addMeasure } from '../../lib/measures.ts';
import { MeasureRow } from './MeasureRow.tsx';

/** The action plan's measures, each cell bound to its field in the Y.Doc; everyone sees edits live. */
export function MeasuresTable(props: {
  doc: Y.Doc;
  rows: MeasureFields[];
  editable: boolean;
  /** open comment threads per measure id */
  commentCounts: Map<string, number>;
  onComments: (measure: MeasureFields) => void;
}) {
  const add = () => {
    const id = addMeasure(props.doc);
    queueMicrotask(() => document.getElementById(`measure-title-${id}`)?.focus());
  };
  return (
    <section class="measures" aria-labelledby="measures-heading">
      <div class="section-heading">
        <h2 id="measures-heading">{t('measures.title')}</h2>
        <Show when={props.editable}>
          <button type="button" class="button primary" onClick={add} data-testid="add-measure">
            {t('measures.add')}
          </button>
        </Show>
      </div>
      <Show when={props.rows.length > 0} fallback={<EmptyState title={t('measures.none')} />}>
        <div class="table-scroll">
          <table class="data-table measures-table">
            <caption class="visually-hidden">{t('measures.title')}</caption>
            <thead>
              <tr>
                <th scope="col" class="narrow">#</th>
                <th scope="col" class="wide sticky">{t('measures.measure')}</th>
                <th scope="col">{t('measures.lead')}</th>
                <th scope="col">{t('measures.partners')}</th>
                <th scope="col">{t('measures.start')}</th>
                <th scope="col">{t('measures.due')}</th>
                <th scope="col">{t('measures.status')}</th>
                <th scope="col">{t('measures.progress')}</th>
                <th scope="col" class="wide">{t('measures.indicator')}</th>
                <th scope="col">{t('measures.budget')}</th>
                <th scope="col"><span class="visually-hidden">{t('comments.title')}</span></th>
                <Show when={props.editable}>
                  <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(measure, index) => (
                  <MeasureRow doc={props.doc} measure={measure} index={index()} count={props.rows.length} editable={props.editable}
                    comments={props.commentCounts.get(measure.id) ?? 0} onComments={() => props.onComments(measure)} />
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
