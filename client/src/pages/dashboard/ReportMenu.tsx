import { For, createSignal } from 'solid-js';
import { t, type MessageKey } from '../../i18n/index.ts';
import type { ReportFormat } from '../../../../shared/api/files.ts';
import { downloads } from '../../api/files.ts';

/** in the menu's order (PDF first); the formats are the server's */
const REPORT_MENU_FORMATS = ['pdf', 'docx', 'xlsx'] as const satisfies readonly ReportFormat[];

/** The consolidated follow-up report of every action plan I may see, as of a chosen day. */
export function ReportMenu() {
  const [asOf, setAsOf] = createSignal(new Date().toISOString().slice(0, 10));
  return (
    <details class="menu report-menu">
      <summary class="button">{t('files.report')}</summary>
      <div class="menu-items" role="menu">
        <label class="field inline menu-heading">
          <span>{t('files.reportAsOf')}</span>
          <input type="date" value={asOf()} onInput={(event) => setAsOf(event.currentTarget.value)} />
        </label>
        <For each={REPORT_MENU_FORMATS}>
          {(format) => (
            <a role="menuitem" class="menu-item" download="" href={downloads.followUpReport({ format, asOf: asOf() })}>
              {t(`files.format.${format}` as MessageKey)}
            </a>
          )}
        </For>
      </div>
    </details>
  );
}
