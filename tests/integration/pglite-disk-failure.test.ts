import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { createExt4Volume, ext4VolumeUnavailable, type Ext4Volume } from '../helpers/ext4-volume.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { measureIds, recovered, restartAfterFailure, startFaultRig, typeMeasures, writerAndReader, type FaultRig } from '../helpers/fault-rig.ts';
import { ApiClient } from '../helpers/http.ts';
import { persistentDatabaseAt } from '../helpers/persistent-database.ts';

/**
 * The embedded database's disk fills up, or fails (every write refused with EIO). It used to hang
 * after the first failed write: queries, /readyz, new connections and shutdown waited forever, and
 * /readyz said 200 on a full disk. Now /readyz says what is wrong, nothing waits forever, SIGTERM
 * ends within 10 s, and what the clients typed is stored once the disk is back. (PostgreSQL's
 * twin: postgres-disk-failure.test.ts.)
 */
const unavailable = process.env.DATABASE_URL ? 'it concerns the embedded database (DATABASE_URL is set)' : ext4VolumeUnavailable();

describe.skipIf(unavailable)(`the embedded database's disk${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let volume: Ext4Volume;
  let rig: FaultRig;
  // Long titles: the log needs new pages, which a full disk cannot give.
  const filler = () => 'é'.repeat(1500);

  beforeAll(async () => {
    volume = createExt4Volume(160);
    const database = await persistentDatabaseAt({ dataDir: path.join(volume.dir, 'data') });
    rig = await startFaultRig(database, { env: { DATABASE_QUERY_TIMEOUT_MS: '3000', COLLAB_MAX_UNSTORED_BYTES: '40000' } });
  }, 180_000);
  afterAll(async () => {
    await rig?.dispose();
    volume?.dispose();
  });

  it('full: /readyz says so, nothing hangs, and everything is stored once there is room again', { timeout: 180_000 }, async () => {
    const { writer, reader } = await writerAndReader(rig);
    expect((await rig.readyz()).status).toBe(200);

    const free = volume.fill();
    await eventually(async () => {
      const full = await rig.readyz();
      expect(full.status).toBe(503);
      expect(full.body.reasons?.join(' ')).toMatch(/disk full/);
    }, 20_000);
    const typed: string[] = [];
    await typeMeasures(writer.doc, 'full', 60, typed, filler);
    await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_failed_flushes_total')).toBeGreaterThan(0), 30_000);
    // The API still answers (an error or not), rather than waiting for ever.
    const api = await ApiClient.withToken(rig.url, rig.world.editors[0]!.token).get('/api/documents');
    expect(api.status).toBeGreaterThan(0);
    // Past the bound, the writer is told to retry later (its provider keeps the edits and resends them).
    await eventually(() => expect(writer.closes.map((close) => close.code)).toContain(4503), 30_000);
    const acknowledged = typed.filter((id) => measureIds(reader.doc).has(id));

    const freedAt = performance.now();
    free();
    const convergedMs = await recovered(rig, reader, typed, freedAt);
    // Everything stored: what a newcomer loads is what the database holds.
    const fresh = rig.connect(1);
    await fresh.synced();
    const lost = acknowledged.filter((id) => !measureIds(fresh.doc).has(id));
    reportFaultFigures({
      scenario: 'full disk',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs,
      note: 'the rest refused with 4503 and resent',
    });
    expect(lost).toEqual([]);
    fresh.provider.disconnect();
    writer.provider.disconnect();
    reader.provider.disconnect();
  });

  it('failing: /readyz says so, SIGTERM ends within 10 s with the count of unstored updates, and nothing acknowledged is lost', { timeout: 240_000 }, async () => {
    const { writer } = await writerAndReader(rig);
    const typed: string[] = [];
    await typeMeasures(writer.doc, 'before', 10, typed, filler);
    await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_unstored_updates')).toBe(0));
    const acknowledged = [...typed];

    volume.cut();
    await typeMeasures(writer.doc, 'failing', 20, typed, filler);
    await eventually(async () => {
      const failing = await rig.readyz();
      expect(failing.status).toBe(503);
      expect(failing.body.reasons?.join(' ')).toMatch(/database|writes/);
    }, 30_000);
    // A new connection is told at once to retry later (what it typed could not be stored), not
    // left without an answer (while the database still answered reads, it used to be admitted).
    const late = rig.connect(1);
    await eventually(
      () =>
        expect(
          late.closes.map((close) => close.code),
          rig.child?.output(),
        ).toContain(4503),
      30_000,
    );
    late.provider.disconnect();

    const { ms: stopMs, output } = await rig.stop();
    expect(stopMs, output).toBeLessThan(10_000);
    const unstored = Number(/"unstoredUpdates":(\d+)/.exec(output)?.[1]);
    expect(unstored, output).toBeGreaterThan(0);

    volume.remount();
    // The writer comes back with what the server never stored.
    const { lost, convergedMs } = await restartAfterFailure(rig, typed, acknowledged);
    reportFaultFigures({
      scenario: 'failing disk',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs,
      note: `SIGTERM ended after ${Math.round(stopMs)} ms with ${unstored} updates unstored`,
    });
    expect(lost).toEqual([]);
  });
});
