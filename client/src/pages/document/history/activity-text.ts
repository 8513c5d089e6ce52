import type { ActivityEntry } from '../../../api/activity.ts';
import { t, type MessageKey } from '../../../i18n/index.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { personName } from '../../../state/people.ts';

const status = (value: string | undefined) => (value ? t(`status.${value}` as MessageKey) : '—');
const level = (value: string | null | undefined) => (value ? t(`access.${value}` as MessageKey) : '—');

/** One activity entry as a sentence in the reader's language ("Amina a changé le statut : Brouillon → En relecture"). */
export const describeActivity = (entry: ActivityEntry): string => describe(entry);

/** Names in another script than the sentence stay whole (FSI … PDI) instead of being reordered around it. */
const isolate = (text: string) => `\u2068${text}\u2069`;

function describe(entry: ActivityEntry): string {
  const actor = isolate(entry.actor?.name || t('activity.someone'));
  const d = entry.details;
  const who = isolate(d.userId ? personName(d.userId) : organisationLabel(d.organisationId));
  switch (entry.action) {
    case 'document.created':
      return t('activity.created', { actor });
    case 'document.updated':
      return t('activity.updated', { actor });
    case 'document.status_changed':
      return t('activity.status', { actor, from: status(d.from), to: status(d.to) });
    case 'document.archived':
      return t('activity.archived', { actor });
    case 'document.restored':
      return t('activity.unarchived', { actor });
    case 'document.version_restored':
      return t('activity.versionRestored', { actor, name: isolate(d.name ?? '—') });
    case 'version.created':
      return t('activity.versionCreated', { actor, name: isolate(d.name ?? '—') });
    case 'suggestion.accepted':
      return t('activity.suggestionAccepted', { actor, author: isolate(personName(d.authorId)) });
    case 'suggestion.rejected':
      return t('activity.suggestionRejected', { actor, author: isolate(personName(d.authorId)) });
    case 'document.access_granted':
      return t('activity.accessGranted', { actor, who, level: level(d.level) });
    case 'document.access_changed':
      return t('activity.accessChanged', { actor, who, from: level(d.previousLevel), to: level(d.level) });
    case 'document.access_revoked':
      return t('activity.accessRevoked', { actor, who });
    default:
      return t('activity.other', { actor });
  }
}
