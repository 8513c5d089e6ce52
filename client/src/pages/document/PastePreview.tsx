import { For, Show, createMemo, createSignal } from 'solid-js';
import type * as Y from 'yjs';
import { appendMeasures, MEASURE_STATUSES } from '../../../../shared/doc-schema.ts';
import { MeasureStatusBadge } from '../../components/Badges.tsx';
import { ar } from '../../i18n/ar.ts';
import { en } from '../../i18n/en.ts';
import { fr } from '../../i18n/fr.ts';
import { formatDate, formatMoney, t, type MessageKey } from '../../i18n/index.ts';
import { newId } from '../../lib/ids.ts';
import { pastedMeasures, type PasteContext } from '../../lib/measure-paste.ts';
import { organisationLabel, organisationList } from '../../state/directory.ts';

const COLUMN_NAMES: Record<string, MessageKey> = {
  title: 'measures.measure',
  lead: 'measures.lead',
  partners: 'measures.partners',
  start: 'measures.start',
  due: 'measures.due',
  status: 'measures.status',
  progress: 'measures.progress',
  indicator: 'measures.indicator',
  budget: 'measures.budget',
  notes: 'grid.notes',
};

/** Status and column names in every language: a sheet may come from a colleague using another. */
function pasteContext(): PasteContext {
  const dictionaries = [fr, ar, en];
  return {
    organisations: organisationList().map((o) => ({ id: o.id, code: o.code, names: o.names })),
    statusNames: Object.fromEntries(MEASURE_STATUSES.map((status) => [status, dictionaries.map((d) => d[`measureStatus.${status}`].toLowerCase())])) as PasteContext['statusNames'],
    titleHeaders: dictionaries.map((d) => d['measures.measure'].toLowerCase()),
  };
}

/** Rows pasted from a spreadsheet, shown as they will be added; nothing is written before "Add". */
export function PastePreview(props: { doc: Y.Doc; initialText: string; onClose: () => void }) {
  const [text, setText] = createSignal(props.initialText);
  const rows = createMemo(() => pastedMeasures(text(), pasteContext()).filter((row) => row.fields.title !== ''));
  const add = () => {
    appendMeasures(
      props.doc,
      rows().map((row) => ({ ...row.fields, id: newId() })),
    );
    props.onClose();
  };
  return (
    <section class="paste-preview panel" aria-labelledby="paste-heading" data-testid="paste-preview">
      <h3 id="paste-heading">{t('grid.paste')}</h3>
      <p class="muted small">{t('grid.pasteHint')}</p>
      <textarea
        class="paste-area"
        rows="4"
        aria-label={t('grid.pasteArea')}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        ref={(el) => queueMicrotask(() => el.focus())}
      />
      <Show when={rows().length > 0} fallback={<p class="muted">{t('grid.pasteNone')}</p>}>
        <div class="table-scroll">
          <table class="data-table compact">
            <caption class="visually-hidden">{t('grid.pastePreview')}</caption>
            <thead>
              <tr>
                <For each={['title', 'lead', 'start', 'due', 'status', 'progress', 'budget']}>{(column) => <th scope="col">{t(COLUMN_NAMES[column]!)}</th>}</For>
                <th scope="col">
                  <span class="visually-hidden">{t('grid.pasteUnread', { columns: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr>
                    <td dir="auto">{row.fields.title}</td>
                    <td>{row.fields.leadOrganisationId ? organisationLabel(row.fields.leadOrganisationId) : '—'}</td>
                    <td class="nowrap">{formatDate(row.fields.start)}</td>
                    <td class="nowrap">{formatDate(row.fields.due)}</td>
                    <td>
                      <MeasureStatusBadge status={row.fields.status ?? 'planned'} />
                    </td>
                    <td>{row.fields.progress} %</td>
                    <td class="nowrap">{row.fields.budget === null || row.fields.budget === undefined ? '—' : formatMoney(row.fields.budget, row.fields.currency)}</td>
                    <td class="warning-text">
                      <Show when={row.unread.length > 0}>{t('grid.pasteUnread', { columns: row.unread.map((column) => t(COLUMN_NAMES[column]!)).join(', ') })}</Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <div class="actions">
        <button type="button" class="button primary" disabled={rows().length === 0} onClick={add} data-testid="paste-add">
          {t('grid.pasteAdd', { count: rows().length })}
        </button>
        <button type="button" class="button subtle" onClick={() => props.onClose()}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
