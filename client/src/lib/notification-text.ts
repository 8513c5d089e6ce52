import type { AppNotification } from '../api/notifications.ts';
import type { MessageKey } from '../i18n/fr.ts';

/**
 * What a notification says and where it leads, per kind (server/notifications/rules.ts). Pure:
 * names and titles come from `lookups`, already in the reader's language (with fallbacks).
 */

export interface NotificationLookups {
  person(id: string | null): string;
  document(id: string | null): string;
  session(id: string | null): string;
  status(status: string): string;
  date(iso: string): string;
  /** "Measure: title", for comments about a measure */
  aboutMeasure(title: string): string;
}

export interface NotificationText {
  key: MessageKey;
  params: Record<string, string>;
  /** the object it is about, or null when there is nothing to open */
  href: string | null;
  /** a second line (the reason of a return), when there is one */
  detail: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

export function describeNotification(notification: AppNotification, lookups: NotificationLookups): NotificationText {
  const p = notification.payload ?? {};
  const documentId = notification.documentId;
  const documentHref = documentId ? `/documents/${documentId}` : null;
  const document = lookups.document(documentId);
  const by = lookups.person(text(p.by));
  switch (notification.kind) {
    case 'mention':
    case 'reply': {
      const comment = text(p.commentId);
      const href = documentHref && comment ? `${documentHref}?comment=${comment}` : documentHref;
      const measure = typeof p.measureTitle === 'string' ? lookups.aboutMeasure(p.measureTitle || '—') : null;
      return { key: notification.kind === 'mention' ? 'notifications.mention' : 'notifications.reply', params: { person: by, document }, href, detail: measure };
    }
    case 'status_changed':
      return {
        key: 'notifications.statusChanged',
        params: { document, from: lookups.status(text(p.from) ?? ''), to: lookups.status(text(p.to) ?? ''), person: by },
        href: documentHref,
        detail: text(p.reason),
      };
    case 'access_requested':
      return {
        key: 'notifications.accessRequested',
        params: { person: by, document },
        href: documentId ? `/documents/${documentId}/access` : null,
        detail: text(p.message),
      };
    case 'measure_overdue': {
      const measure = text(p.measureId);
      return {
        key: 'notifications.measureOverdue',
        params: { measure: text(p.title) ?? '—', date: text(p.due) ? lookups.date(text(p.due)!) : '—', document },
        href: documentHref && measure ? `${documentHref}?view=measures&measure=${encodeURIComponent(measure)}` : documentHref,
        detail: null,
      };
    }
    case 'measure_lead': {
      const measure = text(p.measureId);
      return {
        key: 'measureLead.notify',
        params: { measure: text(p.title) ?? '—', document, person: by },
        href: documentHref && measure ? `${documentHref}?view=measures&measure=${encodeURIComponent(measure)}` : documentHref,
        detail: null,
      };
    }
    case 'session_started': {
      const session = text(p.sessionId);
      return { key: 'notifications.sessionStarted', params: { session: lookups.session(session) }, href: session ? `/sessions/${session}` : null, detail: null };
    }
    case 'session_closed': {
      const session = text(p.sessionId);
      const minutes = text(p.minutesDocumentId);
      return {
        key: 'notifications.sessionClosed',
        params: { session: lookups.session(session) },
        href: minutes ? `/documents/${minutes}` : session ? `/sessions/${session}` : null,
        detail: null,
      };
    }
    case 'cycle_reminder': {
      const cycle = text(p.cycleId);
      return {
        key: 'cycles.notify.reminder',
        params: { period: text(p.period) ?? '—', date: text(p.dueOn) ? lookups.date(text(p.dueOn)!) : '—' },
        href: cycle ? `/cycles/${cycle}/report` : null,
        detail: null,
      };
    }
    case 'cycle_report_returned': {
      const cycle = text(p.cycleId);
      return { key: 'cycles.notify.returned', params: { person: by, document }, href: cycle ? `/cycles/${cycle}/report` : null, detail: null };
    }
    default:
      return { key: 'notifications.other', params: {}, href: documentHref, detail: null };
  }
}
