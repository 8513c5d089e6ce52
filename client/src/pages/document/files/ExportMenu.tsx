import { For, Show } from 'solid-js';
import type { TansiqDocument } from '../../../api/types.ts';
import { t, type MessageKey } from '../../../i18n/index.ts';
import { SHEET_FORMATS, type DocumentExportFormat } from '../../../../../shared/api/files.ts';
import { downloads } from '../../../api/files.ts';

/** in the menu's order (PDF first); the formats are the server's */
const DOCUMENT_FORMATS = ['pdf', 'docx', 'odt', 'html'] as const satisfies readonly DocumentExportFormat[];

/** A choice that opens something else closes the menu, so it does not cover what opened. */
const closeMenu = (item: HTMLElement) => {
  const menu = item.closest('details');
  if (menu) menu.open = false;
};

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
        <button
          type="button"
          role="menuitem"
          class="menu-item"
          onClick={(event) => {
            closeMenu(event.currentTarget);
            window.print();
          }}>
          {t('files.print')}
        </button>
        <Show when={hasMeasures() && props.canImport}>
          <button
            type="button"
            role="menuitem"
            class="menu-item"
            onClick={(event) => {
              closeMenu(event.currentTarget);
              props.onImportMeasures();
            }}>
            {t('files.importMeasures')}
          </button>
        </Show>
      </div>
    </details>
  );
}
