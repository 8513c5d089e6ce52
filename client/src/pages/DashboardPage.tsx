import { Show, createSignal } from 'solid-js';
import { t } from '../i18n/index.ts';
import { DocumentsSection } from './dashboard/DocumentsSection.tsx';
import { MeasureLists } from './dashboard/MeasureLists.tsx';
import { NewDocumentForm } from './dashboard/NewDocumentForm.tsx';
import { ProgressSection } from './dashboard/ProgressSection.tsx';

/** Home: what needs attention (my and overdue measures), progress per organisation, then documents. */
export function DashboardPage() {
  const [creating, setCreating] = createSignal(false);
  return (
    <div class="page dashboard">
      <div class="page-heading">
        <h1>{t('dashboard.title')}</h1>
        <button type="button" class="button primary" onClick={() => setCreating(!creating())} aria-expanded={creating()}>
          {t('documents.new')}
        </button>
      </div>
      <Show when={creating()}>
        <NewDocumentForm onClose={() => setCreating(false)} />
      </Show>
      <MeasureLists />
      <ProgressSection />
      <DocumentsSection />
    </div>
  );
}
