import { Show } from 'solid-js';
import type { AgendaItem, Decision } from '../../api/sessions.ts';
import { DocumentStatusBadge } from '../../components/Badges.tsx';
import { formatNumber, t } from '../../i18n/index.ts';
import { refocusWhenLost } from '../../lib/refocus.ts';
import { organisationLabel } from '../../state/directory.ts';
import { DecisionForm } from './DecisionForm.tsx';

/** An item's title in the reader's language: a restricted item's placeholder is translated here. */
export const agendaItemTitle = (item: Pick<AgendaItem, 'title' | 'restricted'>): string => (item.restricted ? t('session.restrictedItem') : item.title);

/** One agenda item: number, title, presenter, document, the decision once taken; the chair's controls on it. */
export function AgendaItemCard(props: {
  item: AgendaItem;
  number: number;
  current: boolean;
  shown: boolean;
  canMove: boolean;
  canDecide: boolean;
  busy: boolean;
  onMove: () => void;
  onView: () => void;
  onDecide: (decision: Decision, text?: string) => Promise<boolean>;
}) {
  return (
    <li
      id={`agenda-item-${props.item.id}`}
      class="agenda-item"
      tabindex="-1"
      classList={{ current: props.current, shown: props.shown }}
      aria-current={props.current ? 'step' : undefined}
      data-testid={props.current ? 'current-item' : 'agenda-item'}>
      <div class="agenda-item-head">
        <span class="agenda-number" aria-hidden="true">
          {formatNumber(props.number)}
        </span>
        <strong dir="auto">{agendaItemTitle(props.item)}</strong>
        <Show when={props.current}>
          <span class="badge live-badge">{t('session.currentItem')}</span>
        </Show>
      </div>
      <p class="small muted">{t('session.presentedBy', { organisation: organisationLabel(props.item.presenterOrganisationId) })}</p>
      <Show when={props.item.documentTitle} fallback={<p class="small muted">{t('session.noAccess')}</p>}>
        <p class="small agenda-document">
          <Show when={props.item.documentTitle !== props.item.title}>
            <span dir="auto">{props.item.documentTitle}</span>{' '}
          </Show>
          <Show when={props.item.documentStatus}>{(status) => <DocumentStatusBadge status={status()} />}</Show>
        </p>
      </Show>
      <Show when={props.item.decision}>
        {(decision) => (
          <p class={`decision decision-${decision()}`} data-testid="decision">
            <strong>{t(`decision.${decision()}`)}</strong>
            <Show when={props.item.decisionText}>{(text) => <span dir="auto">{text()}</span>}</Show>
            <span class="small muted decision-effect">{t(`decision.done.${props.item.decisionEffect ?? 'pending'}`)}</span>
          </p>
        )}
      </Show>
      <div class="actions">
        <Show when={props.canMove && !props.current}>
          <button
            type="button"
            class="button small"
            disabled={props.busy}
            onClick={(event) => {
              props.onMove();
              // the button goes once this is the current item: the item itself takes the focus
              refocusWhenLost(event.currentTarget, () => document.getElementById(`agenda-item-${props.item.id}`));
            }}>
            {t('session.goTo')}
          </button>
        </Show>
        <Show when={props.item.documentId && !props.shown}>
          <button type="button" class="button subtle small" onClick={() => props.onView()}>
            {t('session.view')}
          </button>
        </Show>
      </div>
      <Show when={props.canDecide}>
        <DecisionForm item={props.item} number={props.number} busy={props.busy} onDecide={props.onDecide} />
      </Show>
    </li>
  );
}
