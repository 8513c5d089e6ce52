import { For, Show, createSignal } from 'solid-js';
import { type AccessLevel, type User } from '../../../api/types.ts';
import { OrganisationSelect } from '../../../components/OrganisationPicker.tsx';
import { t } from '../../../i18n/index.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { AccessLevelSelect } from './AccessLevelSelect.tsx';

/**
 * Share with an organisation or a person: whom (a choice of two, then the picker), which level,
 * one button. The picker takes the free width; level and button keep theirs; on a phone each
 * takes a line.
 */
export function ShareForm(props: { people: readonly User[]; onGrant: (target: { organisationId: string } | { userId: string }, level: AccessLevel) => Promise<unknown> }) {
  const [subject, setSubject] = createSignal<'organisation' | 'user'>('organisation');
  const [organisationId, setOrganisationId] = createSignal<string | null>(null);
  const [userId, setUserId] = createSignal('');
  const [level, setLevel] = createSignal<AccessLevel>('comment');
  const chosen = () => (subject() === 'organisation' ? organisationId() : userId() || null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const id = chosen();
    if (!id) return;
    await props.onGrant(subject() === 'organisation' ? { organisationId: id } : { userId: id }, level());
    setOrganisationId(null);
    setUserId('');
  };
  return (
    <form class="card share-form" onSubmit={(event) => void submit(event)} aria-labelledby="share-heading">
      <h2 id="share-heading">{t('share.addTitle')}</h2>
      <fieldset class="share-subject">
        <legend>{t('access.grantTo')}</legend>
        <label>
          <input type="radio" name="share-subject" checked={subject() === 'organisation'} onChange={() => setSubject('organisation')} /> {t('access.anOrganisation')}
        </label>
        <label>
          <input type="radio" name="share-subject" checked={subject() === 'user'} onChange={() => setSubject('user')} /> {t('access.aPerson')}
        </label>
      </fieldset>
      <div class="share-row">
        <Show
          when={subject() === 'organisation'}
          fallback={
            <div class="field share-whom">
              <label for="grant-user">{t('access.person')}</label>
              <select id="grant-user" value={userId()} onChange={(e) => setUserId(e.currentTarget.value)}>
                <option value="">{t('common.choose')}</option>
                <For each={props.people}>
                  {(u) => (
                    <option value={u.id}>
                      {u.name} — {organisationLabel(u.organisationId)}
                    </option>
                  )}
                </For>
              </select>
            </div>
          }>
          <div class="field share-whom">
            <label for="grant-organisation">{t('access.organisation')}</label>
            <OrganisationSelect id="grant-organisation" value={organisationId()} emptyLabel={t('common.choose')} onChange={setOrganisationId} />
          </div>
        </Show>
        <div class="field share-level">
          <label for="grant-level">{t('access.level')}</label>
          <AccessLevelSelect id="grant-level" value={level()} onChange={setLevel} />
        </div>
        <button type="submit" class="button primary" disabled={!chosen()}>
          {t('access.grant')}
        </button>
      </div>
      <p class="hint">{t(`share.levelHint.${level()}`)}</p>
    </form>
  );
}
