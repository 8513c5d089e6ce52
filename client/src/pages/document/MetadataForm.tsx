import { For, Show, createSignal } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import { FRAMEWORKS, type Framework, type TansiqDocument } from '../../api/types.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { OrganisationMultiPicker, OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { t } from '../../i18n/index.ts';
import { createFormSubmit } from '../../lib/form-submit.ts';
import { isAdmin } from '../../state/session.ts';
import { FormActions } from '../../components/FormActions.tsx';

/** Title, lead (coordination unit only), partners and, for proposals, the cooperation framework. */
export function MetadataForm(props: { document: TansiqDocument; onSaved: (document: TansiqDocument) => void; onCancel: () => void }) {
  const [title, setTitle] = createSignal(props.document.title);
  const [lead, setLead] = createSignal<string | null>(props.document.leadOrganisationId);
  const [partners, setPartners] = createSignal<string[]>([...props.document.partnerOrganisationIds]);
  const [framework, setFramework] = createSignal<Framework | null>(props.document.framework);
  const {
    submit: save,
    busy,
    error,
  } = createFormSubmit(async () => {
    props.onSaved(
      await documents.update(props.document.id, {
        title: title().trim(),
        partnerOrganisationIds: partners(),
        ...(isAdmin() && lead() ? { leadOrganisationId: lead()! } : {}),
        ...(props.document.kind === 'cooperation_proposal' && framework() ? { framework: framework() } : {}),
      }),
    );
  });

  return (
    <form class="form-grid metadata-form" onSubmit={save}>
      <div class="field span-2">
        <label for="meta-title">{t('documents.titleColumn')}</label>
        <input id="meta-title" dir="auto" required maxlength="300" value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="meta-lead">{t('documents.lead')}</label>
        <OrganisationSelect id="meta-lead" value={lead()} allowEmpty={false} disabled={!isAdmin()} onChange={setLead} />
      </div>
      <Show when={props.document.kind === 'cooperation_proposal'}>
        <div class="field">
          <label for="meta-framework">{t('documents.framework')}</label>
          <select id="meta-framework" value={framework() ?? ''} onChange={(e) => setFramework(e.currentTarget.value as Framework)}>
            <For each={FRAMEWORKS}>{(value) => <option value={value}>{t(`framework.${value}`)}</option>}</For>
          </select>
        </div>
      </Show>
      <div class="field span-2">
        <span class="label">{t('documents.partners')}</span>
        <OrganisationMultiPicker label={t('documents.partners')} value={partners()} exclude={lead()} onChange={setPartners} />
      </div>
      <ErrorBox error={error()} />
      <FormActions submitLabel={t('common.save')} disabled={busy() || !title().trim()} wide onCancel={() => props.onCancel()} />
    </form>
  );
}
