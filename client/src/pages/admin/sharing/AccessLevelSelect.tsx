import { For } from 'solid-js';
import { ACCESS_LEVELS, type AccessLevel } from '../../../api/types.ts';
import { t } from '../../../i18n/index.ts';

/** A choice of access level (edit, comment, view), named by a <label for={id}> or by `label`. */
export function AccessLevelSelect(props: { id?: string; class?: string; label?: string; value: AccessLevel; onChange: (level: AccessLevel) => void }) {
  return (
    <select id={props.id} class={props.class} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as AccessLevel)}>
      <For each={ACCESS_LEVELS}>
        {(value) => (
          <option value={value} selected={value === props.value}>
            {t(`access.${value}`)}
          </option>
        )}
      </For>
    </select>
  );
}
