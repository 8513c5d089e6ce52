import { For, createSignal } from 'solid-js';
import { COMMISSION_KINDS, commissions, type CommissionKind } from '../../api/sessions.ts';
import { OrganisationMultiPicker } from '../../components/OrganisationPicker.tsx';
import { ErrorBox } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { createFormSubmit } from '../../lib/form-submit.ts';
import { refreshCommissions } from '../../state/commissions.ts';
import { FormActions } from '../../components/FormActions.tsx';

/** A new commission: its kind, its names in three languages, its member organisations. */
export function CommissionForm(props: { onDone: () => void }) {
  const [kind, setKind] = createSignal<CommissionKind>('technical');
  const [names, setNames] = createSignal({ nameFr: '', nameAr: '', nameEn: '' });
  const [members, setMembers] = createSignal<string[]>([]);
  const { submit, busy, error } = createFormSubmit(async () => {
    await commissions.create({ kind: kind(), ...names(), memberOrganisationIds: members() });
    await refreshCommissions();
    props.onDone();
  });
  const nameField = (key: 'nameFr' | 'nameAr' | 'nameEn', label: string, lang: string) => (
    <div class="field">
      <label for={`commission-${key}`}>{label}</label>
      <input
        id={`commission-${key}`}
        lang={lang}
        dir="auto"
        required
        maxLength={200}
        value={names()[key]}
        onInput={(event) => setNames({ ...names(), [key]: event.currentTarget.value })}
      />
    </div>
  );
  return (
    <form class="card form-grid" aria-labelledby="commission-form-title" onSubmit={submit}>
      <h2 id="commission-form-title">{t('commissions.new')}</h2>
      <div class="field">
        <label for="commission-kind">{t('commissions.kindLabel')}</label>
        <select id="commission-kind" value={kind()} onChange={(event) => setKind(event.currentTarget.value as CommissionKind)}>
          <For each={COMMISSION_KINDS}>
            {(value) => (
              <option value={value} selected={value === kind()}>
                {t(`commissions.kind.${value}`)}
              </option>
            )}
          </For>
        </select>
      </div>
      {nameField('nameFr', t('admin.nameFr'), 'fr')}
      {nameField('nameAr', t('admin.nameAr'), 'ar')}
      {nameField('nameEn', t('admin.nameEn'), 'en')}
      <div class="field span-2">
        <span class="label">{t('commissions.members')}</span>
        <OrganisationMultiPicker value={members()} onChange={setMembers} label={t('commissions.members')} addLabel={t('commissions.addMember')} />
      </div>
      <ErrorBox error={error()} />
      <FormActions submitLabel={t('common.create')} disabled={busy()} wide onCancel={() => props.onDone()} />
    </form>
  );
}
