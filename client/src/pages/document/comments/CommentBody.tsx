import { For, Match, Switch } from 'solid-js';
import { organisationName } from '../../../i18n/index.ts';
import { splitMentions, type Segment } from '../../../lib/mentions.ts';
import { organisationList } from '../../../state/directory.ts';
import { peopleList, personById } from '../../../state/people.ts';

/** The name a mention reads as in this client (people and organisations it knows), in the reader's language. */
export function mentionDisplayName(segment: Exclude<Segment, { kind: 'text' }>): string | undefined {
  switch (segment.kind) {
    case 'user':
      return personById(segment.id)?.name;
    case 'email':
      return peopleList().find((user) => user.email?.toLowerCase() === segment.email)?.name;
    case 'organisation': {
      const organisation = organisationList().find((candidate) => candidate.code.toLowerCase() === segment.code);
      return organisation ? organisationName(organisation) : undefined;
    }
  }
}

/** A comment's text with its mentions shown as names (the stored syntax is for machines). */
export function CommentBody(props: { body: string }) {
  return (
    <p class="comment-body" dir="auto">
      <For each={splitMentions(props.body)}>
        {(segment) => (
          <Switch fallback={segment.text}>
            <Match when={segment.kind !== 'text' && segment}>
              {(s) => {
                const mention = s() as Exclude<Segment, { kind: 'text' }>;
                const name = () => mentionDisplayName(mention);
                return (
                  <span class="mention" title={name() ? mention.text : undefined} dir="auto">
                    @{name() ?? mention.text.slice(1)}
                  </span>
                );
              }}
            </Match>
          </Switch>
        )}
      </For>
    </p>
  );
}
