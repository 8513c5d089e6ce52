import { Show, createEffect, onCleanup } from 'solid-js';
import type { TansiqDocument } from '../../../api/types.ts';
import { formatDate, t } from '../../../i18n/index.ts';
import { organisationList } from '../../../state/directory.ts';

/** The coordinating ministry's code (server/bootstrap/ministry.ts). */
const MINISTRY_CODE = 'mre';
/** Statuses from which a document no longer carries the draft watermark (as server/export/model.ts). */
const FINAL = new Set(['adopted', 'in_implementation', 'closed']);
export const WATERMARK = 'Projet / مشروع / Draft';

const PROPERTIES = ['--print-header', '--print-footer', '--print-page'] as const;

/**
 * What Ctrl+P adds around a document, as the PDF export does: the ministry's header and logo on
 * the first page, the ministry's name at the top of every page, "Page n / m", the date and the
 * title at the bottom (CSS @page margin boxes, print.css, fed with custom properties on the root
 * element since their content cannot come from the page), and the draft watermark on every page
 * (position: fixed repeats on each printed page) until the document is adopted.
 */
export function PrintFrame(props: { document: TansiqDocument }) {
  const ministry = () => organisationList().find((organisation) => organisation.code === MINISTRY_CODE);
  createEffect(() => {
    const root = document.documentElement.style;
    const names = ministry()?.names;
    root.setProperty('--print-header', JSON.stringify(names ? `${names.fr} · ${names.ar}` : ''));
    root.setProperty('--print-footer', JSON.stringify(`${formatDate(new Date().toISOString().slice(0, 10))} · ${props.document.title}`));
    root.setProperty('--print-page', JSON.stringify(t('files.print.page')));
  });
  onCleanup(() => {
    for (const property of PROPERTIES) document.documentElement.style.removeProperty(property);
  });
  return (
    <>
      <header class="print-only print-ministry">
        <div dir="ltr">{ministry()?.names.fr}</div>
        {/* The logo an administrator set, if any (404 otherwise: the image then hides itself). */}
        <img class="print-logo" src="/api/settings/logo" alt="" onError={(event) => event.currentTarget.remove()} />
        <div dir="rtl">{ministry()?.names.ar}</div>
      </header>
      <Show when={!FINAL.has(props.document.status)}>
        <div class="print-only print-watermark" aria-hidden="true">
          {WATERMARK}
        </div>
      </Show>
    </>
  );
}
