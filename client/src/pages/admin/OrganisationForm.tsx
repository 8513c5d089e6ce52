import { For, createSignal, type JSX } from 'solid-js';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../../api/types.ts';
import { t } from '../../i18n/index.ts';
import type { CreateOrganisationRequest } from '../../../../shared/api/schemas/organisations.ts';
import { FormActions } from '../../components/FormActions.tsx';

export type OrganisationInput = CreateOrganisationRequest;

export function OrganisationForm(props: { initial?: Organisation; onSubmit: (input: OrganisationInput) => void; onCancel: () => void; children?: JSX.Element }) {
  const [code, setCode] = createSignal(props.initial?.code ?? '');
  const [kind, setKind] = createSignal<OrganisationKind>(props.initial?.kind ?? 'public_body');
  const [nameFr, setNameFr] = createSignal(props.initial?.names.fr ?? '');
  const [nameAr, setNameAr] = createSignal(props.initial?.names.ar ?? '');
  const [nameEn, setNameEn] = createSignal(props.initial?.names.en ?? '');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSubmit({ code: code().trim(), kind: kind(), nameFr: nameFr().trim(), nameAr: nameAr().trim(), nameEn: nameEn().trim() });
  };
  return (
    <form class="card form-grid" onSubmit={submit} aria-label={props.initial ? t('common.edit') : t('admin.newOrganisation')}>
      <div class="field">
        <label for="org-code">{t('admin.code')}</label>
        <input
          id="org-code"
          dir="ltr"
          required
          pattern="[a-z0-9][a-z0-9_\-]{0,31}"
          aria-describedby="org-code-hint"
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <span id="org-code-hint" class="hint">
          {t('admin.codeHint')}
        </span>
      </div>
      <div class="field">
        <label for="org-kind">{t('admin.kind')}</label>
        <select id="org-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as OrganisationKind)}>
          <For each={ORGANISATION_KINDS}>{(value) => <option value={value}>{t(`organisationKind.${value}`)}</option>}</For>
        </select>
      </div>
      <div class="field span-2">
        <label for="org-fr">{t('admin.nameFr')}</label>
        <input id="org-fr" lang="fr" dir="ltr" required value={nameFr()} onInput={(e) => setNameFr(e.currentTarget.value)} />
      </div>
      <div class="field span-2">
        <label for="org-ar">{t('admin.nameAr')}</label>
        <input id="org-ar" lang="ar" dir="rtl" required value={nameAr()} onInput={(e) => setNameAr(e.currentTarget.value)} />
      </div>
      <div class="field span-2">
        <label for="org-en">{t('admin.nameEn')}</label>
        <input id="org-en" lang="en" dir="ltr" required value={nameEn()} onInput={(e) => setNameEn(e.currentTarget.value)} />
      </div>
      {props.children}
      <FormActions submitLabel={t('common.save')} wide onCancel={() => props.onCancel()} />
    </form>
  );
}
