import { For, Show } from 'solid-js';
import { organisationName, t } from '../../../i18n/index.ts';
import { organisationToken, searchKey, userToken } from '../../../lib/mentions.ts';
import { organisationById, organisationList } from '../../../state/directory.ts';
import { peopleList } from '../../../state/people.ts';

export interface MentionCandidate {
  key: string;
  token: string;
  label: string;
  detail: string;
}

const LIMIT = 8;

/** Organisations (by code or name) then people (by name) matching what follows the @. */
export function mentionCandidates(query: string): MentionCandidate[] {
  const wanted = searchKey(query);
  const organisations = organisationList()
    .filter((organisation) => searchKey(organisation.code).startsWith(wanted) || searchKey(organisationName(organisation)).includes(wanted))
    .map((organisation) => ({ key: `o:${organisation.id}`, token: organisationToken(organisation.code), label: organisationName(organisation), detail: `@${organisation.code}` }));
  const people = peopleList()
    .filter((user) => !user.disabled && searchKey(user.name).includes(wanted))
    .map((user) => ({ key: `u:${user.id}`, token: userToken(user.id), label: user.name, detail: organisationById(user.organisationId)?.code ?? '' }));
  return [...organisations, ...people].slice(0, LIMIT);
}

/** The list under the composer while a mention is typed; the textarea keeps the focus (aria-activedescendant). */
export function MentionPicker(props: { id: string; candidates: MentionCandidate[]; active: number; onPick: (candidate: MentionCandidate) => void }) {
  return (
    <Show when={props.candidates.length > 0} fallback={<p class="mention-picker empty small muted">{t('comments.mentionNone')}</p>}>
      <div id={props.id} class="mention-picker" role="listbox" aria-label={t('comments.mentionList')}>
        <For each={props.candidates}>
          {(candidate, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: the textarea keeps the focus and points at the option (aria-activedescendant)
            <div
              id={`${props.id}-${index()}`}
              role="option"
              aria-selected={index() === props.active}
              classList={{ active: index() === props.active }}
              onMouseDown={(event) => {
                event.preventDefault();
                props.onPick(candidate);
              }}>
              <span dir="auto">{candidate.label}</span> <span class="muted small">{candidate.detail}</span>
            </div>
          )}
        </For>
      </div>
    </Show>
  );
}
