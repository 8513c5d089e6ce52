import type { Editor } from '@tiptap/core';
import { Show, createSignal, onMount } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { normaliseHref } from '../../lib/safe-url.ts';

/** Sets or removes the link on the selection; only http(s), mailto and tel addresses are accepted. */
export function LinkForm(props: { editor: Editor; onDone: () => void }) {
  const [href, setHref] = createSignal(String(props.editor.getAttributes('link').href ?? ''));
  const [invalid, setInvalid] = createSignal(false);
  let input!: HTMLInputElement;
  onMount(() => input.focus());
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    if (href().trim() === '') {
      props.editor.chain().focus().extendMarkRange('link').unsetLink().run();
      return props.onDone();
    }
    const safe = normaliseHref(href());
    if (!safe) return setInvalid(true);
    props.editor.chain().focus().extendMarkRange('link').setLink({ href: safe }).run();
    props.onDone();
  };
  return (
    <form class="link-form" onSubmit={apply} onKeyDown={(e) => e.key === 'Escape' && props.onDone()}>
      <label for="link-href">{t('editor.linkAddress')}</label>
      <input
        id="link-href"
        ref={input}
        type="text"
        inputmode="url"
        autocomplete="url"
        dir="ltr"
        value={href()}
        aria-invalid={invalid()}
        aria-describedby="link-error"
        onInput={(e) => {
          setHref(e.currentTarget.value);
          setInvalid(false);
        }}
        placeholder="https://"
      />
      <button type="submit" class="button small">
        {t('common.apply')}
      </button>
      <button type="button" class="button small subtle" onClick={() => props.onDone()}>
        {t('common.cancel')}
      </button>
      <Show when={invalid()}>
        <span id="link-error" class="field-error" role="alert">
          {t('editor.linkInvalid')}
        </span>
      </Show>
    </form>
  );
}
