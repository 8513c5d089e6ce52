import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { createExt4Volume, ext4VolumeUnavailable, type Ext4Volume } from '../helpers/ext4-volume.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { measureIds, recovered, startFaultRig, typeMeasures, writerAndReader, type FaultRig } from '../helpers/fault-rig.ts';
import { persistentDatabaseAt } from '../helpers/persistent-database.ts';

/**
 * The embedded database stops answering: its filesystem is frozen (fsfreeze), so its next write
 * waits in the kernel and the database thread with it. Nothing else may wait: /readyz says so,
 * edits keep flowing between the people connected and wait to be stored (up to the bound), and
 * once the disk answers again everything is stored. (PostgreSQL's twin: database-outage.test.ts.)
 * A process with a thread stuck on a frozen filesystem cannot exit until it thaws (the kernel
 * holds it), so SIGTERM is tested on a failing disk instead (pglite-disk-failure.test.ts).
 */
const unavailable = process.env.DATABASE_URL ? 'it concerns the embedded database (DATABASE_URL is set)' : ext4VolumeUnavailable();

describe.skipIf(unavailable)(`the embedded database stops answering${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let volume: Ext4Volume;
  let rig: FaultRig;

  beforeAll(async () => {
    volume = createExt4Volume(160);
    const database = await persistentDatabaseAt({ dataDir: path.join(volume.dir, 'data') });
    rig = await startFaultRig(database, { env: { DATABASE_QUERY_TIMEOUT_MS: '2000', COLLAB_MAX_UNSTORED_BYTES: '6000' } });
  }, 180_000);
  afterAll(async () => {
    volume?.thaw();
    await rig?.dispose();
    volume?.dispose();
  });

  it('says so on /readyz, holds the edits up to the bound, then stores everything once it answers again', { timeout: 180_000 }, async () => {
    const { writer, reader } = await writerAndReader(rig);
    const typed: string[] = [];
    await typeMeasures(writer.doc, 'before', 5, typed);
    await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_unstored_updates')).toBe(0));

    volume.freeze();
    await typeMeasures(writer.doc, 'frozen', 60, typed, () => 'x'.repeat(200));
    await eventually(async () => {
      const stalled = await rig.readyz();
      expect(stalled.status).toBe(503);
      expect(stalled.body.reasons?.join(' ')).toMatch(/database|writes/);
    }, 30_000);
    await eventually(() => expect(writer.closes.map((close) => close.code)).toContain(4503), 30_000);
    const acknowledged = typed.filter((id) => measureIds(reader.doc).has(id));
    expect(acknowledged.length).toBeLessThan(typed.length);

    const thawedAt = performance.now();
    volume.thaw();
    const convergedMs = await recovered(rig, reader, typed, thawedAt);
    const fresh = rig.connect(1);
    await fresh.synced();
    const lost = acknowledged.filter((id) => !measureIds(fresh.doc).has(id));
    reportFaultFigures({
      scenario: 'database stops answering',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs,
      note: 'filesystem frozen (fsfreeze); the rest refused with 4503 and resent',
    });
    expect(lost).toEqual([]);
    expect(typed.filter((id) => !measureIds(fresh.doc).has(id))).toEqual([]);
  });
});
