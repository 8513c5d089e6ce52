import { For, createSignal, type JSX } from 'solid-js';
import { LOCALES, type Locale, type Role, type User } from '../../api/types.ts';
import { OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { t } from '../../i18n/index.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/users.ts';
import { FormActions } from '../../components/FormActions.tsx';

export interface UserInput {
  email: string;
  name: string;
  organisationId: string;
  role: Role;
  locale: Locale;
  password: string;
}

export function UserForm(props: { initial?: User; onSubmit: (input: UserInput) => void; onCancel: () => void; children?: JSX.Element }) {
  const [email, setEmail] = createSignal(props.initial?.email ?? '');
  const [name, setName] = createSignal(props.initial?.name ?? '');
  const [organisationId, setOrganisationId] = createSignal<string | null>(props.initial?.organisationId ?? null);
  const [role, setRole] = createSignal<Role>(props.initial?.role ?? 'member');
  const [locale, setLocale] = createSignal<Locale>(props.initial?.locale ?? 'fr');
  const [password, setPassword] = createSignal('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!organisationId()) return;
    props.onSubmit({ email: email().trim(), name: name().trim(), organisationId: organisationId()!, role: role(), locale: locale(), password: password() });
  };
  return (
    <form class="card form-grid" onSubmit={submit} aria-label={props.initial ? t('common.edit') : t('admin.newUser')}>
      <div class="field">
        <label for="user-name">{t('admin.name')}</label>
        <input id="user-name" dir="auto" required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="user-email">{t('admin.email')}</label>
        <input id="user-email" type="email" dir="ltr" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="user-organisation">{t('admin.organisation')}</label>
        <OrganisationSelect id="user-organisation" value={organisationId()} emptyLabel={t('common.choose')} onChange={setOrganisationId} />
      </div>
      <div class="field">
        <label for="user-role">{t('admin.role')}</label>
        <select id="user-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          <option value="member">{t('role.member')}</option>
          <option value="admin">{t('role.admin')}</option>
        </select>
      </div>
      <div class="field">
        <label for="user-locale">{t('profile.language')}</label>
        <select id="user-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
          <For each={LOCALES}>{(code) => <option value={code}>{t(`locale.${code}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="user-password">{props.initial ? t('admin.newPassword') : t('admin.password')}</label>
        <input
          id="user-password"
          type="password"
          dir="ltr"
          autocomplete="new-password"
          minlength={MIN_PASSWORD_LENGTH}
          aria-describedby="user-password-hint"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <span id="user-password-hint" class="hint">
          {t('admin.passwordHint')}
        </span>
      </div>
      {props.children}
      <FormActions submitLabel={t('common.save')} disabled={!organisationId()} wide onCancel={() => props.onCancel()} />
    </form>
  );
}
