import { For, Show } from 'solid-js';
import type { TansiqDocument } from '../../api/types.ts';
import { OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { formatNumber, t } from '../../i18n/index.ts';

export interface AgendaDraftItem {
  key: number;
  documentId: string;
  presenterOrganisationId: string | null;
  title: string;
}

/** The agenda of a new session: each item a document, a presenter (its lead by default), an optional title. */
export function AgendaEditor(props: { items: AgendaDraftItem[]; documents: TansiqDocument[]; onChange: (items: AgendaDraftItem[]) => void }) {
  const update = (key: number, patch: Partial<AgendaDraftItem>) => props.onChange(props.items.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  const move = (index: number, step: -1 | 1) => {
    const next = [...props.items];
    const [item] = next.splice(index, 1);
    next.splice(index + step, 0, item!);
    props.onChange(next);
  };
  const add = () => props.onChange([...props.items, { key: Date.now() + Math.random(), documentId: '', presenterOrganisationId: null, title: '' }]);
  const leadOf = (documentId: string) => props.documents.find((document) => document.id === documentId)?.leadOrganisationId ?? null;
  return (
    <fieldset class="agenda-editor span-2">
      <legend>{t('sessionForm.agenda')}</legend>
      <Show when={props.items.length > 0} fallback={<p class="muted">{t('sessionForm.noItems')}</p>}>
        <ol class="agenda-draft">
          <For each={props.items}>
            {(item, index) => {
              const number = () => formatNumber(index() + 1);
              return (
                <li class="agenda-draft-item">
                  <span class="agenda-number" aria-hidden="true">
                    {number()}
                  </span>
                  <div class="field">
                    <label for={`item-doc-${item.key}`}>{t('sessionForm.document')}</label>
                    <select
                      id={`item-doc-${item.key}`}
                      required
                      value={item.documentId}
                      onChange={(event) => update(item.key, { documentId: event.currentTarget.value, presenterOrganisationId: leadOf(event.currentTarget.value) })}>
                      <option value="">{t('common.choose')}</option>
                      <For each={props.documents}>
                        {(document) => (
                          <option value={document.id} selected={document.id === item.documentId}>
                            {document.title}
                          </option>
                        )}
                      </For>
                    </select>
                  </div>
                  <div class="field">
                    <label for={`item-presenter-${item.key}`}>{t('sessionForm.presenter')}</label>
                    <OrganisationSelect
                      id={`item-presenter-${item.key}`}
                      value={item.presenterOrganisationId}
                      onChange={(id) => update(item.key, { presenterOrganisationId: id })}
                    />
                  </div>
                  <div class="field">
                    <label for={`item-title-${item.key}`}>{t('sessionForm.itemTitle')}</label>
                    <input
                      id={`item-title-${item.key}`}
                      dir="auto"
                      maxLength={300}
                      value={item.title}
                      onInput={(event) => update(item.key, { title: event.currentTarget.value })}
                    />
                  </div>
                  <div class="row-actions">
                    <button
                      type="button"
                      class="tool"
                      disabled={index() === 0}
                      aria-label={t('sessionForm.moveUp', { number: number() })}
                      title={t('sessionForm.moveUp', { number: number() })}
                      onClick={() => move(index(), -1)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      class="tool"
                      disabled={index() === props.items.length - 1}
                      aria-label={t('sessionForm.moveDown', { number: number() })}
                      title={t('sessionForm.moveDown', { number: number() })}
                      onClick={() => move(index(), 1)}>
                      ↓
                    </button>
                    <button
                      type="button"
                      class="tool danger"
                      aria-label={t('sessionForm.removeItem', { number: number() })}
                      title={t('sessionForm.removeItem', { number: number() })}
                      onClick={() => props.onChange(props.items.filter((other) => other.key !== item.key))}>
                      ✕
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
      <button type="button" class="button small" onClick={add} data-testid="add-agenda-item">
        {t('sessionForm.addItem')}
      </button>
    </fieldset>
  );
}
