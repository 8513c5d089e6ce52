import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { ServerEvent } from '../../../shared/realtime.ts';
import { userRoom } from '../rooms.ts';
import type { Fanout } from './types.ts';

/**
 * Follow-up cycles live: a report that moves (draft saved, submitted, returned, accepted), a cycle
 * opened or closed. Sent to the user rooms of those who may read it at the time of sending — the
 * coordination unit, and the users of the report's lead and partner organisations (of any report
 * of the cycle, for opening and closing) — with ids and states only; screens refetch what they show.
 */
export const cycleFanout: Fanout = ({ io, db, events, logger }) => {
  const readers = async (organisationIds: readonly string[]): Promise<string[]> => {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('disabled_at', 'is', null)
      .where((eb) => (organisationIds.length > 0 ? eb.or([eb('role', '=', 'admin'), eb('organisation_id', 'in', organisationIds)]) : eb('role', '=', 'admin')))
      .execute();
    return rows.map((row) => row.id);
  };
  const send = (userIds: readonly string[], payload: CyclePayload) => {
    if (userIds.length === 0) return;
    io.to(userIds.map(userRoom)).emit(ServerEvent.cycleChanged, payload);
  };
  const stops = [
    events.on('cycle_report.changed', async (event) => {
      try {
        const report = await db.selectFrom('cycle_reports').select(['partner_organisation_ids', 'version']).where('id', '=', event.reportId).executeTakeFirst();
        if (!report) return;
        const organisations = [event.leadOrganisationId, ...report.partner_organisation_ids].filter((id): id is string => id !== null);
        send(await readers(organisations), { cycleId: event.cycleId, reportId: event.reportId, state: event.state, version: report.version, actorUserId: event.actorUserId });
      } catch (error) {
        logger.error({ err: error, reportId: event.reportId }, 'cycle fanout failed');
      }
    }),
    ...(['cycle.opened', 'cycle.closed'] as const).map((type) =>
      events.on(type, async (event) => {
        try {
          send(await readers(await organisationsOf(db, event.cycleId)), { cycleId: event.cycleId, reportId: null, state: null, version: null, actorUserId: event.actorUserId });
        } catch (error) {
          logger.error({ err: error, cycleId: event.cycleId }, 'cycle fanout failed');
        }
      }),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
};

interface CyclePayload {
  cycleId: string;
  reportId: string | null;
  state: string | null;
  version: number | null;
  actorUserId: string;
}

async function organisationsOf(db: Kysely<Database>, cycleId: string): Promise<string[]> {
  const rows = await db.selectFrom('cycle_reports').select(['lead_organisation_id', 'partner_organisation_ids']).where('cycle_id', '=', cycleId).execute();
  return [...new Set(rows.flatMap((row) => [row.lead_organisation_id, ...row.partner_organisation_ids]).filter((id): id is string => id !== null))];
}
