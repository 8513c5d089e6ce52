import { For, Show, createSignal } from 'solid-js';
import type { AccessOverview } from '../../../api/endpoints.ts';
import { type AccessLevel } from '../../../api/types.ts';
import { formatDate, t } from '../../../i18n/index.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { AccessLevelSelect } from './AccessLevelSelect.tsx';

type Request = AccessOverview['requests'][number];

/** The open requests for access: who, from which organisation, when, why; answered with a level. */
export function AccessRequests(props: { requests: readonly Request[]; onGrant: (request: Request, level: AccessLevel) => void }) {
  return (
    <section class="card access-card" aria-labelledby="access-requests-heading">
      <h2 id="access-requests-heading">
        {t('share.requests')}
        <Show when={props.requests.length > 0}>
          <span class="tab-count">{props.requests.length}</span>
        </Show>
      </h2>
      <Show when={props.requests.length > 0} fallback={<p class="muted small">{t('share.noRequests')}</p>}>
        <ul class="access-rows">
          <For each={props.requests}>
            {(request) => {
              const [level, setLevel] = createSignal<AccessLevel>('view');
              const selectId = `request-level-${request.id}`;
              return (
                <li class="access-row request" data-testid="access-request">
                  <div class="access-who">
                    <strong dir="auto">{request.person.name}</strong>
                    <span class="muted small">
                      {t('share.personOf', { organisation: organisationLabel(request.person.organisationId) })} ·{' '}
                      {t('share.requestedOn', { date: formatDate(request.requestedAt) })}
                    </span>
                    <Show when={request.message}>
                      {(message) => (
                        <q class="access-message" dir="auto">
                          {message()}
                        </q>
                      )}
                    </Show>
                  </div>
                  <div class="access-answer">
                    <label class="visually-hidden" for={selectId}>
                      {t('share.levelOf', { who: request.person.name })}
                    </label>
                    <AccessLevelSelect id={selectId} class="access-level" value={level()} onChange={setLevel} />
                    <button
                      type="button"
                      class="button small primary"
                      aria-label={t('share.answerTo', { who: request.person.name })}
                      onClick={() => props.onGrant(request, level())}>
                      {t('share.answer')}
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
