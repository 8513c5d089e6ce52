import type { SessionState } from '../../api/sessions.ts';
import { t } from '../../i18n/index.ts';

export function SessionStateBadge(props: { state: SessionState }) {
  return (
    <span class={`badge session-${props.state}`} data-testid="session-state">
      {t(`sessionState.${props.state}`)}
    </span>
  );
}
