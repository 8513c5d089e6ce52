import { For, Show, createMemo, createSignal } from 'solid-js';
import { organisationName, t } from '../i18n/index.ts';
import { organisationById, sortedOrganisations } from '../state/directory.ts';

/** One organisation from the directory, as a native select (keyboard and screen-reader friendly). */
export function OrganisationSelect(props: {
  id?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  disabled?: boolean;
  allowEmpty?: boolean;
  emptyLabel?: string;
  label?: string;
  valueKey?: 'id' | 'code';
}) {
  return (
    <select id={props.id} value={props.value ?? ''} disabled={props.disabled} aria-label={props.label} onChange={(event) => props.onChange(event.currentTarget.value || null)}>
      <Show when={props.allowEmpty !== false}>
        <option value="" selected={!props.value}>
          {props.emptyLabel ?? t('common.none')}
        </option>
      </Show>
      {/* `selected` per option: the directory may arrive after the select's value was set */}
      <For each={sortedOrganisations()}>
        {(organisation) => {
          const key = () => (props.valueKey === 'code' ? organisation.code : organisation.id);
          return (
            <option value={key()} selected={key() === props.value}>
              {organisationName(organisation)}
            </option>
          );
        }}
      </For>
    </select>
  );
}

/** Several organisations: removable chips plus a select to add one more. */
export function OrganisationMultiPicker(props: {
  value: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  label: string;
  exclude?: string | null;
  addLabel?: string;
  /** a "+" button until asked for the select (a grid of many rows need not hold a list per row) */
  compact?: boolean;
}) {
  const [adding, setAdding] = createSignal('');
  const [open, setOpen] = createSignal(!props.compact);
  const choices = createMemo(() => sortedOrganisations().filter((o) => !props.value.includes(o.id) && o.id !== props.exclude));
  const add = (id: string) => {
    if (id && !props.value.includes(id)) props.onChange([...props.value, id]);
    setAdding('');
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: chips and a search field under one name; a fieldset would draw a frame and need a legend the design does not show
    <div class="multi-picker" role="group" aria-label={props.label}>
      <ul class="chips">
        <For each={props.value}>
          {(id) => (
            <li class="chip">
              <span>{organisationName(organisationById(id))}</span>
              <Show when={!props.disabled}>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={t('common.removeItem', { item: organisationName(organisationById(id)) })}
                  onClick={() => props.onChange(props.value.filter((other) => other !== id))}>
                  ×
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={!props.disabled && open()}>
        <select
          aria-label={props.addLabel ?? t('common.addPartner')}
          value={adding()}
          ref={(el) => props.compact && queueMicrotask(() => el.focus())}
          onChange={(event) => add(event.currentTarget.value)}
          onBlur={() => props.compact && setOpen(false)}>
          <option value="">{props.addLabel ?? t('common.addPartner')}</option>
          <For each={choices()}>{(organisation) => <option value={organisation.id}>{organisationName(organisation)}</option>}</For>
        </select>
      </Show>
      <Show when={!props.disabled && !open()}>
        <button
          type="button"
          class="tool add-chip"
          aria-label={props.addLabel ?? t('common.addPartner')}
          title={props.addLabel ?? t('common.addPartner')}
          onClick={() => setOpen(true)}>
          +
        </button>
      </Show>
    </div>
  );
}
