import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { measureIds, recovered, restartAfterFailure, startFaultRig, typeMeasures, writerAndReader, type FaultRig } from '../helpers/fault-rig.ts';
import { ownPostgresUnavailable, startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres.ts';
import { persistentDatabaseAt, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/**
 * Issue 13 on PostgreSQL: its disk fills up, or fails (every read and write refused with EIO, as
 * when a disk dies or a SAN goes away). A PostgreSQL cluster of the test's own, on a small ext4
 * volume. Edits are held up to the bound and then refused with 4503 (the clients keep them),
 * /readyz says what is wrong, SIGTERM ends within 10 s, and nothing acknowledged is lost once the
 * disk is back. (The embedded database's twin: pglite-disk-failure.test.ts.)
 */
const unavailable = process.env.DATABASE_URL ? ownPostgresUnavailable() : 'it concerns PostgreSQL (DATABASE_URL is not set)';

describe.skipIf(unavailable)(`PostgreSQL's disk${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let postgres: OwnPostgres;
  let database: PersistentDatabase;
  let rig: FaultRig;
  // Incompressible rows: each needs new pages (TOAST) that a full disk cannot give.
  const filler = () => randomBytes(3000).toString('base64');

  beforeAll(async () => {
    postgres = await startOwnPostgres(200);
    database = await persistentDatabaseAt({ url: postgres.url });
    rig = await startFaultRig(database, { env: { DATABASE_QUERY_TIMEOUT_MS: '3000', COLLAB_MAX_UNSTORED_BYTES: '60000' } });
  }, 180_000);
  afterAll(async () => {
    await rig?.dispose();
    await postgres?.dispose();
  });

  it('full: edits wait, then are refused with 4503; /readyz says the disk is full; everything is stored once there is room', { timeout: 180_000 }, async () => {
    const { writer, reader } = await writerAndReader(rig);
    expect((await rig.readyz()).status).toBe(200);

    const free = postgres.volume.fill();
    const typed: string[] = [];
    await typeMeasures(writer.doc, 'full', 60, typed, filler);
    await eventually(async () => {
      const full = await rig.readyz();
      expect(full.status).toBe(503);
      expect(full.body.reasons?.join(' ')).toMatch(/disk full|does not answer/);
    }, 30_000);
    await eventually(() => expect(writer.closes.map((close) => close.code)).toContain(4503), 30_000);
    expect(await metricValue(rig.url, 'tansiq_collab_failed_flushes_total')).toBeGreaterThan(0);
    const acknowledged = typed.filter((id) => measureIds(reader.doc).has(id));
    expect(acknowledged.length).toBeLessThan(typed.length);

    const freedAt = performance.now();
    free();
    // PostgreSQL may have stopped itself on a write it could not make: an operator starts it again.
    const restarted = !postgres.running();
    if (restarted) await postgres.start();
    const convergedMs = await recovered(rig, reader, typed, freedAt);
    const stored = measureIds(await withDatabase(database, (handle) => loadStoredDocument(handle.db, rig.world.documentId)));
    const lost = acknowledged.filter((id) => !stored.has(id));
    reportFaultFigures({
      scenario: 'full disk',
      database: 'postgres',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs,
      note: `the rest refused with 4503 and resent${restarted ? '; PostgreSQL had stopped itself and was started again' : ''}`,
    });
    expect(lost).toEqual([]);
    expect(typed.filter((id) => !stored.has(id))).toEqual([]);
    writer.provider.disconnect();
    reader.provider.disconnect();
  });

  it('failing: /readyz says so, SIGTERM ends within 10 s with the count of unstored updates, nothing acknowledged is lost', { timeout: 240_000 }, async () => {
    const { writer } = await writerAndReader(rig);
    const typed: string[] = [];
    await typeMeasures(writer.doc, 'before', 10, typed);
    await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_unstored_updates')).toBe(0));
    const acknowledged = [...typed];

    postgres.volume.cut();
    await typeMeasures(writer.doc, 'failing', 20, typed);
    await eventually(async () => {
      const failing = await rig.readyz();
      expect(failing.status).toBe(503);
      expect(failing.body.reasons?.join(' ')).toMatch(/database|writes/);
    }, 30_000);
    await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_unstored_updates')).toBeGreaterThan(0), 30_000);
    // A new connection is told at once to retry later, not left without an answer.
    const late = rig.connect(1);
    await eventually(() => expect(late.closes.map((close) => close.code)).toContain(4503), 30_000);
    late.provider.disconnect();

    const stopped = await rig.stop();
    expect(stopped.ms, stopped.output).toBeLessThan(10_000);
    const unstored = Number(/"unstoredUpdates":(\d+)/.exec(stopped.output)?.[1]);
    expect(unstored, stopped.output).toBeGreaterThan(0);

    // The disk is replaced (mounted again: what reached it before the failure is there) and
    // PostgreSQL recovers from its WAL.
    await postgres.stop();
    postgres.volume.remount();
    await postgres.start();
    // The writer comes back with what the server never stored.
    const { lost, convergedMs } = await restartAfterFailure(rig, typed, acknowledged);
    reportFaultFigures({
      scenario: 'failing disk',
      database: 'postgres',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs,
      note: `SIGTERM ended after ${Math.round(stopped.ms)} ms with ${unstored} updates unstored`,
    });
    expect(lost).toEqual([]);
  });
});
