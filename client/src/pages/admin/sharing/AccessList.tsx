import { For, Show } from 'solid-js';
import { type AccessLevel } from '../../../api/types.ts';
import { EmptyState } from '../../../components/Feedback.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { organisationLabel } from '../../../state/directory.ts';
import type { AccessRow } from './access-rows.ts';
import { AccessLevelSelect } from './AccessLevelSelect.tsx';

/**
 * Who has access: first who has it by rule (the lead organisation, the coordination unit), then
 * each grant with its level (changeable), who gave it and when, and a button to take it back.
 */
export function AccessList(props: {
  leadOrganisationId: string | null;
  rows: readonly AccessRow[];
  onLevel: (row: AccessRow, level: AccessLevel) => void;
  onRevoke: (row: AccessRow) => void;
}) {
  const who = (row: AccessRow) => row.personName ?? organisationLabel(row.organisationId);
  return (
    <section class="card access-card" aria-labelledby="access-who-heading">
      <h2 id="access-who-heading">{t('share.who')}</h2>
      <p class="muted small">{t('share.intro')}</p>
      <ul class="access-rows">
        <Show when={props.leadOrganisationId}>
          {(lead) => (
            <li class="access-row by-rule">
              <div class="access-who">
                <strong dir="auto">{organisationLabel(lead())}</strong>
                <span class="muted small">{t('share.leadRole')}</span>
              </div>
              <span class="access-level-fixed">{t('access.edit')}</span>
              <span class="muted small access-when">{t('share.byRule')}</span>
            </li>
          )}
        </Show>
        <li class="access-row by-rule">
          <div class="access-who">
            <strong>{t('share.admins')}</strong>
            <span class="muted small">{t('share.adminsNote')}</span>
          </div>
          <span class="access-level-fixed">{t('access.edit')}</span>
          <span class="muted small access-when">{t('share.byRule')}</span>
        </li>
        <For each={props.rows}>
          {(row) => (
            <li class="access-row" data-testid="access-entry">
              <div class="access-who">
                <strong dir="auto">{who(row)}</strong>
                <span class="muted small">
                  {row.kind === 'person' ? t('share.personOf', { organisation: row.organisationId ? organisationLabel(row.organisationId) : '—' }) : t('share.organisationKind')}
                </span>
              </div>
              <AccessLevelSelect class="access-level" label={t('share.levelOf', { who: who(row) })} value={row.level} onChange={(level) => props.onLevel(row, level)} />
              <span class="muted small access-when">
                {row.grantedBy ? t('share.grantedBy', { person: row.grantedBy, date: formatDate(row.grantedAt) }) : t('share.grantedBySystem', { date: formatDate(row.grantedAt) })}
              </span>
              <button type="button" class="button small danger access-revoke" aria-label={t('share.revokeOf', { who: who(row) })} onClick={() => props.onRevoke(row)}>
                {t('access.revoke')}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.rows.length === 0}>
        <EmptyState title={t('access.none')} />
      </Show>
    </section>
  );
}
