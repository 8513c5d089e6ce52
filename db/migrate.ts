import type { Kysely } from 'kysely';
import { Migrator, NO_MIGRATIONS, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import * as foundation from './migrations/2026_11_28_0001_foundation.ts';
import * as collaboration from './migrations/2026_11_28_0002_collaboration.ts';
import * as commissionWork from './migrations/2026_11_28_0003_commission_work.ts';
import * as slack from './migrations/2026_11_28_0004_slack.ts';
import * as tokenExpiryLoginThrottle from './migrations/2026_12_04_0101_token_expiry_login_throttle.ts';
import * as measureCells from './migrations/2026_12_04_0201_measure_cells.ts';
import * as workspaceSettings from './migrations/2026_12_04_0201_settings.ts';
import * as projectionMark from './migrations/2026_12_04_0301_projection_mark.ts';
import * as measureIndicators from './migrations/2026_12_05_0430_measure_indicators.ts';
import * as suggestions from './migrations/2026_12_05_0450_suggestions.ts';
import * as userPreferences from './migrations/2026_12_05_0455_user_preferences.ts';
import * as measureHistory from './migrations/2026_12_05_0460_measure_history.ts';
import * as slackRoundTwo from './migrations/2026_12_05_0470_slack_round_two.ts';
import * as reportingCycles from './migrations/2026_12_05_0490_reporting_cycles.ts';
import * as reviewLanguage from './migrations/2026_12_05_0496_review_language.ts';
import * as docClients from './migrations/2026_12_05_0499_doc_clients.ts';
import * as suggestionBlocksDeleters from './migrations/2026_12_06_0300_suggestion_blocks_deleters.ts';
import * as slackWorkApp from './migrations/2026_12_06_0400_slack_work_app.ts';
import * as cycleConsolidated from './migrations/2026_12_06_0500_cycle_consolidated.ts';
import * as slackChannelNames from './migrations/2026_12_07_0200_slack_channel_names.ts';
import * as slackPostAttempts from './migrations/2026_12_07_0300_slack_post_attempts.ts';
import * as snapshotChecksum from './migrations/2026_12_07_0400_snapshot_checksum.ts';
import * as slackCycleNotices from './migrations/2026_12_08_0700_slack_cycle_notices.ts';

/**
 * Migrations are listed here rather than read from the folder, so they work the same from
 * sources (tsx), from a bundle and from tests. Names sort in the order they must run.
 */
const migrations: Record<string, Migration> = {
  '2026_11_28_0001_foundation': foundation,
  '2026_11_28_0002_collaboration': collaboration,
  '2026_11_28_0003_commission_work': commissionWork,
  '2026_11_28_0004_slack': slack,
  '2026_12_04_0101_token_expiry_login_throttle': tokenExpiryLoginThrottle,
  '2026_12_04_0201_measure_cells': measureCells,
  '2026_12_04_0201_settings': workspaceSettings,
  '2026_12_04_0301_projection_mark': projectionMark,
  '2026_12_05_0430_measure_indicators': measureIndicators,
  '2026_12_05_0450_suggestions': suggestions,
  '2026_12_05_0455_user_preferences': userPreferences,
  '2026_12_05_0460_measure_history': measureHistory,
  '2026_12_05_0470_slack_round_two': slackRoundTwo,
  '2026_12_05_0490_reporting_cycles': reportingCycles,
  '2026_12_05_0496_review_language': reviewLanguage,
  '2026_12_05_0499_doc_clients': docClients,
  '2026_12_06_0300_suggestion_blocks_deleters': suggestionBlocksDeleters,
  '2026_12_06_0400_slack_work_app': slackWorkApp,
  '2026_12_06_0500_cycle_consolidated': cycleConsolidated,
  '2026_12_07_0200_slack_channel_names': slackChannelNames,
  '2026_12_07_0300_slack_post_attempts': slackPostAttempts,
  '2026_12_07_0400_snapshot_checksum': snapshotChecksum,
  '2026_12_08_0700_slack_cycle_notices': slackCycleNotices,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return applied(await migrator(db).migrateToLatest());
}

/** Undoes every migration, newest first (rolling back by hand, and tests of the `down` steps). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  return applied(await migrator(db).migrateTo(NO_MIGRATIONS));
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new StaticMigrationProvider() });
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
