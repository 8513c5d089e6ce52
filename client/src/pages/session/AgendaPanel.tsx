import { For } from 'solid-js';
import type { CommissionSession, Decision } from '../../api/sessions.ts';
import { t } from '../../i18n/index.ts';
import { AgendaItemCard } from './AgendaItemCard.tsx';

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
  return (
    <nav class="agenda-panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('session.agenda')}</h2>
      <ol class="agenda-list">
        <For each={props.session.items}>
          {(item, index) => (
            <AgendaItemCard item={item} number={index() + 1} current={item.id === props.session.currentItemId} shown={item.id === props.shownItemId}
              canMove={props.session.chair && live()} canDecide={props.session.chair && live() && item.id === props.session.currentItemId}
              busy={props.busy} onMove={() => props.onMove(item.id)} onView={() => props.onView(item.id)}
              onDecide={(decision, text) => props.onDecide(item.id, decision, text)} />
          )}
        </For>
      </ol>
    </nav>
  );
}
