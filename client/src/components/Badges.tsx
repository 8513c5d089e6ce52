import type { DocumentStatus, MeasureStatus } from '../api/types.ts';
import { t } from '../i18n/index.ts';

export function DocumentStatusBadge(props: { status: DocumentStatus }) {
  return <span class={`badge status-${props.status}`}>{t(`status.${props.status}`)}</span>;
}

export function MeasureStatusBadge(props: { status: MeasureStatus }) {
  return <span class={`badge measure-${props.status}`}>{t(`measureStatus.${props.status}`)}</span>;
}

export function OverdueBadge() {
  return <span class="badge overdue">{t('measures.overdue')}</span>;
}
