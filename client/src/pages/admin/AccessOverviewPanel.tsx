import { For, Show } from 'solid-js';
import type { AccessOverview } from '../../api/endpoints.ts';
import type { AccessLevel } from '../../api/types.ts';
import { formatDate, t } from '../../i18n/index.ts';
import { organisationLabel } from '../../state/directory.ts';

/**
 * "Who has access": the lead organisation and the coordination unit by rule, then every grant
 * (organisation or person, level, who gave it and when), then the open requests with a one-click
 * answer. Only its lead and the coordination unit receive this from the server.
 */
export function AccessOverviewPanel(props: { overview: AccessOverview; onGrant: (request: { userId: string }, level: AccessLevel) => void }) {
  return (
    <section class="card access-overview" aria-labelledby="access-overview-heading">
      <h2 id="access-overview-heading">{t('share.who')}</h2>
      <p class="muted small">{t('share.intro')}</p>
      <ul class="access-list">
        <li><strong>{organisationLabel(props.overview.leadOrganisationId)}</strong> — {t('share.leadRule')}</li>
        <li class="muted">{t('share.adminsRule')}</li>
        <For each={props.overview.grants}>
          {(grant) => (
            <li data-testid="access-entry">
              <strong dir="auto">{grant.person ? `${grant.person.name ?? '—'} (${organisationLabel(grant.person.organisationId)})` : organisationLabel(grant.organisationId)}</strong>
              {' — '}{t(`access.${grant.level}`)}
              <span class="muted small access-granted">
                {grant.grantedBy?.name
                  ? t('share.grantedBy', { person: grant.grantedBy.name, date: formatDate(grant.grantedAt) })
                  : t('share.grantedBySystem', { date: formatDate(grant.grantedAt) })}
              </span>
            </li>
          )}
        </For>
      </ul>
      <h3>{t('share.requests')}</h3>
      <Show when={props.overview.requests.length > 0} fallback={<p class="muted small">{t('share.noRequests')}</p>}>
        <ul class="access-list">
          <For each={props.overview.requests}>
            {(request) => (
              <li data-testid="access-request">
                <strong dir="auto">{request.person.name}</strong> ({organisationLabel(request.person.organisationId)})
                <span class="muted small access-granted">{t('share.requestedOn', { date: formatDate(request.requestedAt) })}</span>
                <Show when={request.message}>{(message) => <q dir="auto">{message()}</q>}</Show>
                <span class="actions">
                  <button type="button" class="button small" onClick={() => props.onGrant({ userId: request.person.id }, 'view')}>{t('share.answer')} — {t('access.view')}</button>
                  <button type="button" class="button small" onClick={() => props.onGrant({ userId: request.person.id }, 'comment')}>{t('share.answer')} — {t('access.comment')}</button>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
