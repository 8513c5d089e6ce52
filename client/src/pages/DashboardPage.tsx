import { Show, createSignal } from 'solid-js';
import { t } from '../i18n/index.ts';
import { DocumentsSection } from './dashboard/DocumentsSection.tsx';
import { MeasureLists } from './dashboard/MeasureLists.tsx';
import { NewDocumentForm } from './dashboard/NewDocumentForm.tsx';
import { ProgressSection } from './dashboard/ProgressSection.tsx';
import { ReportMenu } from './dashboard/ReportMenu.tsx';
import { WordImportForm } from './dashboard/WordImportForm.tsx';

/** Home: what needs attention (my and overdue measures), progress per organisation, then documents. */
export function DashboardPage() {
  const [creating, setCreating] = createSignal(false);
  const [importing, setImporting] = createSignal(false);
  return (
    <div class="page dashboard">
      <div class="page-heading">
        <h1>{t('dashboard.title')}</h1>
        <div class="actions">
          <button type="button" class="button primary" onClick={() => setCreating(!creating())} aria-expanded={creating()}>
            {t('documents.new')}
          </button>
          <button type="button" class="button" onClick={() => setImporting(!importing())} aria-expanded={importing()}>
            {t('files.newFromWordButton')}
          </button>
          <ReportMenu />
        </div>
      </div>
      <Show when={importing()}>
        <WordImportForm onClose={() => setImporting(false)} />
      </Show>
      <Show when={creating()}>
        <NewDocumentForm onClose={() => setCreating(false)} />
      </Show>
      <MeasureLists />
      <ProgressSection />
      <DocumentsSection />
    </div>
  );
}
