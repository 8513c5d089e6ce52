import type { ReportState, Standing } from '../../api/cycles.ts';
import { t } from '../../i18n/index.ts';

export function ReportStateBadge(props: { state: ReportState }) {
  return <span class={`badge report-${props.state}`}>{t(`cycles.state.${props.state}`)}</span>;
}

export function StandingBadge(props: { standing: Standing }) {
  return <span class={`badge standing-${props.standing}`}>{t(`cycles.standing.${props.standing}`)}</span>;
}

export function CycleStatusBadge(props: { status: 'open' | 'closed' }) {
  return <span class={`badge cycle-${props.status}`}>{t(`cycles.status.${props.status}`)}</span>;
}
