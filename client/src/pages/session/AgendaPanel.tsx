import { For } from 'solid-js';
import type { CommissionSession, Decision } from '../../api/sessions.ts';
import { formatNumber, t } from '../../i18n/index.ts';
import { AgendaItemCard, agendaItemTitle } from './AgendaItemCard.tsx';

/** The agenda, the current item highlighted; the chair moves between items and decides on the current one. */
export function AgendaPanel(props: {
  session: CommissionSession;
  shownItemId: string | null;
  busy: boolean;
  onMove: (itemId: string) => void;
  onView: (itemId: string) => void;
  onDecide: (itemId: string, decision: Decision, text?: string) => Promise<boolean>;
}) {
  const live = () => props.session.state === 'live';
  const currentIndex = () => props.session.items.findIndex((item) => item.id === props.session.currentItemId);
  /** Said to screen readers when the chair moves on (the highlighted card alone is silent). */
  const announcement = () => {
    const index = currentIndex();
    if (!live() || index < 0) return '';
    return t('session.movedOn', { number: formatNumber(index + 1), title: agendaItemTitle(props.session.items[index]!) });
  };
  return (
    <nav class="agenda-panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('session.agenda')}</h2>
      <ol class="agenda-list">
        <For each={props.session.items}>
          {(item, index) => (
            <AgendaItemCard
              item={item}
              number={index() + 1}
              current={item.id === props.session.currentItemId}
              shown={item.id === props.shownItemId}
              canMove={props.session.chair && live()}
              canDecide={props.session.chair && live() && item.id === props.session.currentItemId}
              busy={props.busy}
              onMove={() => props.onMove(item.id)}
              onView={() => props.onView(item.id)}
              onDecide={(decision, text) => props.onDecide(item.id, decision, text)}
            />
          )}
        </For>
      </ol>
      <p class="visually-hidden" aria-live="polite" data-testid="agenda-announcer">
        {announcement()}
      </p>
    </nav>
  );
}
