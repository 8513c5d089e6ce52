import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { createExt4Volume, ext4VolumeUnavailable, type Ext4Volume } from '../helpers/ext4-volume.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { measureIds, pause, startFaultRig, type FaultRig } from '../helpers/fault-rig.ts';
import { ownPostgresUnavailable, startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres.ts';
import { persistentDatabaseAt } from '../helpers/persistent-database.ts';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import type * as Y from 'yjs';

/**
 * A power cut under the database: its folder on an ext4 filesystem that is shut down without
 * flushing its journal (what a power cut leaves on disk), the processes killed, the filesystem
 * mounted again. Tansiq must start again, and every edit it had committed must be there; what it
 * had not committed the clients still hold and send again. The embedded database's folder; with
 * DATABASE_URL set, a PostgreSQL cluster of the test's own on such a volume.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
const unavailable = onPostgres ? ownPostgresUnavailable() : ext4VolumeUnavailable();

describe.skipIf(unavailable)(`a power cut under the database${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let volume: Ext4Volume;
  let postgres: OwnPostgres | undefined;
  let rig: FaultRig;

  beforeAll(async () => {
    if (onPostgres) {
      postgres = await startOwnPostgres(256);
      volume = postgres.volume;
    } else {
      volume = createExt4Volume(256);
    }
    const database = await persistentDatabaseAt(postgres ? { url: postgres.url } : { dataDir: path.join(volume.dir, 'data') });
    rig = await startFaultRig(database);
  }, 180_000);
  afterAll(async () => {
    await rig?.dispose();
    if (postgres) await postgres.dispose();
    else volume?.dispose();
  });

  const addMeasure = (doc: Y.Doc, id: string) => measuresOf(doc).push([newMeasureMap({ id, title: `Mesure ${id}` })]);

  it('starts again with every committed edit, and takes back the rest from the clients', { timeout: 240_000 }, async () => {
    const writer = rig.connect(0);
    await writer.synced();

    // Committed before the cut: the server said so on /metrics (every accepted update stored).
    const acknowledged: string[] = [];
    for (let i = 0; i < 60; i++) {
      addMeasure(writer.doc, `acked-${i}`);
      acknowledged.push(`acked-${i}`);
      await pause(5);
    }
    await eventually(async () => {
      const accepted = await metricValue(rig.url, 'tansiq_collab_updates_total');
      expect(accepted).toBeGreaterThanOrEqual(60);
      expect(await metricValue(rig.url, 'tansiq_collab_durability_lag_seconds_count')).toBeGreaterThanOrEqual(accepted);
    });

    // Typing goes on; the power goes in the middle of it.
    const typed = [...acknowledged];
    for (let i = 0; i < 200; i++) {
      if (i === 100) {
        volume.cut();
        await Promise.all([rig.kill9(), postgres?.stop()]);
        writer.provider.disconnect();
      }
      addMeasure(writer.doc, `burst-${i}`);
      typed.push(`burst-${i}`);
      await pause(i % 3);
    }

    volume.remount();
    const restartedAt = performance.now();
    await postgres?.start();
    await rig.restart();
    const readyAfterMs = performance.now() - restartedAt;

    // Before any client comes back: what was committed is in the database.
    const reader = rig.connect(1);
    await reader.synced();
    const lost = acknowledged.filter((id) => !measureIds(reader.doc).has(id));

    // The writer comes back and sends what the server lacks.
    writer.provider.connect();
    await eventually(() => expect(measureIds(reader.doc).size).toBe(typed.length), 30_000);
    reportFaultFigures({
      scenario: 'power cut',
      database: onPostgres ? 'postgres' : 'pglite',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs: performance.now() - restartedAt,
      note: `ready ${Math.round(readyAfterMs)} ms after the restart began`,
    });
    expect(lost).toEqual([]);
  });
});
