import { t } from '../../i18n/index.ts';
import type { ConnectionState } from './collab-session.ts';

/** Online, connecting, reconnecting or offline — told in words and colour, announced politely. */
export function ConnectionBadge(props: { state: ConnectionState }) {
  return (
    <span class={`connection connection-${props.state}`} role="status" aria-live="polite" data-testid="connection">
      <span class="dot" aria-hidden="true" />
      {t(`connection.${props.state}`)}
    </span>
  );
}
