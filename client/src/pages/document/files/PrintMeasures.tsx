import { For, Show } from 'solid-js';
import type { MeasureFields } from '../../../../../shared/doc-schema.ts';
import { formatDate, formatNumber, organisationName, t } from '../../../i18n/index.ts';
import { organisationById } from '../../../state/directory.ts';

/**
 * The measures as they print: shown only by the print stylesheet, so Ctrl+P on the text gives the
 * whole document, as the PDF export does, whichever tab is open on screen.
 */
export function PrintMeasures(props: { rows: readonly MeasureFields[] }) {
  return (
    <Show when={props.rows.length > 0}>
      <section class="print-only print-measures" aria-hidden="true">
        <h2>{t('files.measuresHeading')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('measures.measure')}</th>
              <th>{t('measures.lead')}</th>
              <th>{t('measures.partners')}</th>
              <th>{t('measures.start')}</th>
              <th>{t('measures.due')}</th>
              <th>{t('measures.status')}</th>
              <th>{t('measures.progress')}</th>
              <th>{t('measures.indicator')}</th>
              <th>{t('measures.budget')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <td dir="auto">{row.title}</td>
                  <td>{row.leadOrganisationId ? organisationName(organisationById(row.leadOrganisationId)) : '—'}</td>
                  <td>{row.partnerOrganisationIds.map((id) => organisationName(organisationById(id))).join('; ') || '—'}</td>
                  <td>{row.start ? formatDate(row.start) : '—'}</td>
                  <td>{row.due ? formatDate(row.due) : '—'}</td>
                  <td>{t(`measureStatus.${row.status}`)}</td>
                  <td>{row.progress} %</td>
                  <td dir="auto">{row.indicator}</td>
                  <td>{row.budget === null ? '—' : formatNumber(row.budget)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </Show>
  );
}
