import { t } from '../i18n/index.ts';

/**
 * The row that ends a form or a dialog: its send button (the form's submit) and a Cancel button.
 * `wide` spans both columns of a `form-grid`.
 */
export function FormActions(props: { submitLabel: string; disabled?: boolean; tone?: 'primary' | 'warning'; wide?: boolean; onCancel: () => void }) {
  return (
    <div class={props.wide ? 'actions span-2' : 'actions'}>
      <button type="submit" class={`button ${props.tone ?? 'primary'}`} disabled={props.disabled}>
        {props.submitLabel}
      </button>
      <button type="button" class="button subtle" onClick={() => props.onCancel()}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
