import { useNavigate } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import { DOCUMENT_KINDS, FRAMEWORKS, LOCALES, type DocumentKind, type Framework, type Locale } from '../../api/types.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { OrganisationMultiPicker, OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { locale, t } from '../../i18n/index.ts';
import { createFormSubmit } from '../../lib/form-submit.ts';
import { isAdmin, session } from '../../state/session.ts';
import { FormActions } from '../../components/FormActions.tsx';

/** Creates a document (the server writes its template) and opens it. */
export function NewDocumentForm(props: { onClose: () => void }) {
  const navigate = useNavigate();
  const [kind, setKind] = createSignal<DocumentKind>('action_plan');
  const [title, setTitle] = createSignal('');
  const [framework, setFramework] = createSignal<Framework>('bilateral');
  const [lead, setLead] = createSignal<string | null>(session()?.organisation.id ?? null);
  const [partners, setPartners] = createSignal<string[]>([]);
  // The interface language by default: an Arabic-speaking focal point gets Arabic headings.
  const [language, setLanguage] = createSignal<Locale>(locale());
  const { submit, busy, error } = createFormSubmit(async () => {
    const created = await documents.create({
      kind: kind(),
      title: title().trim(),
      leadOrganisationId: lead() ?? undefined,
      partnerOrganisationIds: partners(),
      framework: kind() === 'cooperation_proposal' ? framework() : undefined,
      language: language(),
    });
    navigate(`/documents/${created.id}`);
  });

  return (
    <form class="card form-grid" onSubmit={submit} aria-labelledby="new-document-heading">
      <h2 id="new-document-heading">{t('documents.new')}</h2>
      <div class="field span-2">
        <label for="new-title">{t('documents.titleColumn')}</label>
        <input id="new-title" dir="auto" required maxlength="300" value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="new-kind">{t('documents.kind')}</label>
        <select id="new-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}>
          <For each={DOCUMENT_KINDS}>{(value) => <option value={value}>{t(`kind.${value}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="new-language">{t('document.language')}</label>
        <select id="new-language" value={language()} onChange={(e) => setLanguage(e.currentTarget.value as Locale)}>
          <For each={LOCALES}>
            {(value) => (
              <option value={value} lang={value}>
                {t(`language.${value}`)}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={kind() === 'cooperation_proposal'}>
        <div class="field">
          <label for="new-framework">{t('documents.framework')}</label>
          <select id="new-framework" value={framework()} onChange={(e) => setFramework(e.currentTarget.value as Framework)}>
            <For each={FRAMEWORKS}>{(value) => <option value={value}>{t(`framework.${value}`)}</option>}</For>
          </select>
        </div>
      </Show>
      <div class="field">
        <label for="new-lead">{t('documents.lead')}</label>
        <OrganisationSelect id="new-lead" value={lead()} allowEmpty={false} disabled={!isAdmin()} onChange={setLead} />
      </div>
      <div class="field span-2">
        <span class="label">{t('documents.partners')}</span>
        <OrganisationMultiPicker label={t('documents.partners')} value={partners()} exclude={lead()} onChange={setPartners} />
      </div>
      <ErrorBox error={error()} />
      <FormActions submitLabel={t('common.create')} disabled={busy() || !title().trim()} wide onCancel={() => props.onClose()} />
    </form>
  );
}
