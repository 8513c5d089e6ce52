import type { Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';

/** What a person may get by direct message, each switched on or off in App Home. */
export const PERSONAL_KINDS = ['mentions', 'replies', 'measures', 'deadlines', 'workflow'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

export interface DmSettings {
  kinds: Set<PersonalKind>;
  /** the language of their messages; null: their Tansiq language */
  locale: Locale | null;
  muted: boolean;
  weeklyDigest: boolean;
}

/** Everything on, no digest, until the person says otherwise. */
export const DEFAULT_SETTINGS: DmSettings = { kinds: new Set(PERSONAL_KINDS), locale: null, muted: false, weeklyDigest: false };

const asKinds = (values: readonly string[]) => new Set(values.filter((value): value is PersonalKind => (PERSONAL_KINDS as readonly string[]).includes(value)));

export async function loadSettings(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, DmSettings>> {
  const found = new Map<string, DmSettings>();
  if (userIds.length === 0) return found;
  const rows = await db
    .selectFrom('slack_user_settings')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
  for (const row of rows) found.set(row.user_id, { kinds: asKinds(row.kinds), locale: row.locale, muted: row.muted, weeklyDigest: row.weekly_digest });
  return found;
}

export async function settingsOf(db: Kysely<Database>, userId: string): Promise<DmSettings> {
  return (await loadSettings(db, [userId])).get(userId) ?? DEFAULT_SETTINGS;
}

/** Whether this person wants this kind by direct message now. */
export const wants = (settings: DmSettings | undefined, kind: PersonalKind): boolean => {
  const chosen = settings ?? DEFAULT_SETTINGS;
  return !chosen.muted && chosen.kinds.has(kind);
};

export interface SettingsChange {
  kinds?: readonly string[];
  locale?: Locale | null;
  muted?: boolean;
  weeklyDigest?: boolean;
}

/** Changes some settings (the others stay as they were); returns them as they now are. */
export async function saveSettings(db: Kysely<Database>, userId: string, change: SettingsChange): Promise<DmSettings> {
  const current = await settingsOf(db, userId);
  const next: DmSettings = {
    kinds: change.kinds ? asKinds(change.kinds) : current.kinds,
    locale: change.locale !== undefined ? change.locale : current.locale,
    muted: change.muted ?? current.muted,
    weeklyDigest: change.weeklyDigest ?? current.weeklyDigest,
  };
  const values = { kinds: PERSONAL_KINDS.filter((kind) => next.kinds.has(kind)), locale: next.locale, muted: next.muted, weekly_digest: next.weeklyDigest, updated_at: new Date() };
  await db
    .insertInto('slack_user_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  return next;
}
