import { For, Match, Switch } from 'solid-js';
import { organisationName } from '../../../i18n/index.ts';
import { splitMentions } from '../../../lib/mentions.ts';
import { organisationList } from '../../../state/directory.ts';
import { peopleList, personById } from '../../../state/people.ts';

/** A comment's text with its mentions shown as names (the stored syntax is for machines). */
export function CommentBody(props: { body: string }) {
  const byCode = (code: string) => organisationList().find((organisation) => organisation.code.toLowerCase() === code);
  const byEmail = (email: string) => peopleList().find((user) => user.email?.toLowerCase() === email);
  return (
    <p class="comment-body" dir="auto">
      <For each={splitMentions(props.body)}>
        {(segment) => (
          <Switch fallback={segment.text}>
            <Match when={segment.kind === 'user' && segment}>
              {(s) => <span class="mention">@{personById(s().id)?.name ?? s().text.slice(1)}</span>}
            </Match>
            <Match when={segment.kind === 'email' && segment}>
              {(s) => <span class="mention">@{byEmail(s().email)?.name ?? s().email}</span>}
            </Match>
            <Match when={segment.kind === 'organisation' && segment}>
              {(s) => {
                const organisation = () => byCode(s().code);
                return <span class="mention" title={organisation() ? organisationName(organisation()) : undefined}>{s().text}</span>;
              }}
            </Match>
          </Switch>
        )}
      </For>
    </p>
  );
}
