import { For, Show, type JSX } from 'solid-js';
import type { TansiqDocument } from '../../../api/types.ts';
import { t, type MessageKey } from '../../../i18n/index.ts';
import { SHEET_FORMATS, type DocumentExportFormat } from '../../../../../shared/api/files.ts';
import { downloads } from '../../../api/files.ts';

/** in the menu's order (PDF first); the formats are the server's */
const DOCUMENT_FORMATS = ['pdf', 'docx', 'odt', 'html'] as const satisfies readonly DocumentExportFormat[];

/** A choice that opens something else: it closes the menu first, so the menu does not cover what opened. */
function MenuAction(props: { onChoose: () => void; children: JSX.Element }) {
  return (
    <button
      type="button"
      role="menuitem"
      class="menu-item"
      onClick={(event) => {
        const menu = event.currentTarget.closest('details');
        if (menu) menu.open = false;
        props.onChoose();
      }}>
      {props.children}
    </button>
  );
}

/**
 * The document's file menu: downloads are plain links (the session cookie goes with them, the
 * server names the file), printing uses the print stylesheet, importing measures opens its panel.
 */
export function ExportMenu(props: { document: TansiqDocument; canImport: boolean; onImportMeasures: () => void }) {
  const hasMeasures = () => props.document.kind === 'action_plan';
  return (
    <details class="menu files-menu">
      <summary class="button">{t('files.export')}</summary>
      <div class="menu-items" role="menu">
        <p class="menu-heading">{t('files.exportDocument')}</p>
        <For each={DOCUMENT_FORMATS}>
          {(format) => (
            <a role="menuitem" class="menu-item" href={downloads.document(props.document.id, format)} download="" data-format={format}>
              {t(`files.format.${format}` as MessageKey)}
            </a>
          )}
        </For>
        <Show when={hasMeasures()}>
          <p class="menu-heading">{t('files.exportMeasures')}</p>
          <For each={SHEET_FORMATS}>
            {(format) => (
              <a role="menuitem" class="menu-item" href={downloads.measures(props.document.id, format)} download="" data-format={`measures-${format}`}>
                {t(`files.format.${format}` as MessageKey)}
              </a>
            )}
          </For>
        </Show>
        <MenuAction onChoose={() => window.print()}>{t('files.print')}</MenuAction>
        <Show when={hasMeasures() && props.canImport}>
          <MenuAction onChoose={() => props.onImportMeasures()}>{t('files.importMeasures')}</MenuAction>
        </Show>
      </div>
    </details>
  );
}
