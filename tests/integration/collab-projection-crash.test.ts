import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { startFaultRig, type FaultRig } from '../helpers/fault-rig.ts';
import { ApiClient } from '../helpers/http.ts';
import { createPersistentDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';

/**
 * The projection into SQL is debounced; a process killed in between has stored the edits but not
 * projected them. Found by the Slack check: the Y.Doc held 3 measures, GET /api/measures showed 0,
 * even after reopening. The projection records what it reflects, and what lags is projected again.
 */
describe('the projection catches up after a crash', () => {
  let database: PersistentDatabase;
  let rig: FaultRig;

  beforeAll(async () => {
    database = await createPersistentDatabase();
    // The debounced projection would run only after a minute: within the test, only the catch-up can.
    rig = await startFaultRig(database, { editors: 1, env: { COLLAB_PROJECTION_WAIT_MS: '60000', COLLAB_PROJECTION_MAX_WAIT_MS: '60000' } });
  }, 180_000);
  afterAll(async () => {
    await rig?.dispose();
    await database?.dispose();
  });

  const projectedTitles = async (url: string) => {
    const response = await ApiClient.withToken(url, rig.world.editors[0]!.token).get(`/api/measures?document=${rig.world.documentId}`);
    expect(response.status).toBe(200);
    return (response.body.measures as Array<{ title: string }>).map((measure) => measure.title).sort();
  };

  it('reflects measures edited just before SIGKILL within seconds of the restart, with no edit', { timeout: 180_000 }, async () => {
    const writer = rig.connect(0);
    await writer.synced();
    // The check run after the load would project edits that arrive while it reads: let it finish
    // first, so that what follows is the crash before the debounced projection.
    await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_projection_checks_total')).toBeGreaterThanOrEqual(1));
    const titles = ['Mesure 1', 'Mesure 2', 'Mesure 3'];
    for (const [i, title] of titles.entries()) measuresOf(writer.doc).push([newMeasureMap({ id: `crash-${i}`, title })]);
    await eventually(async () => {
      const accepted = await metricValue(rig.url, 'tansiq_collab_updates_total');
      expect(accepted).toBeGreaterThanOrEqual(1);
      expect(await metricValue(rig.url, 'tansiq_collab_durability_lag_seconds_count')).toBeGreaterThanOrEqual(accepted);
    });
    writer.provider.disconnect();
    expect(await projectedTitles(rig.url)).toEqual([]);
    await rig.kill9();

    const restartedAt = performance.now();
    await rig.restart();
    const readyAt = performance.now();
    await eventually(async () => expect(await projectedTitles(rig.url)).toEqual(titles), 20_000, 100);
    const now = performance.now();
    const projected = await projectedTitles(rig.url);
    reportFaultFigures({
      scenario: 'SIGKILL before projection',
      typed: titles.length,
      acknowledged: titles.length,
      lost: titles.filter((title) => !projected.includes(title)).length,
      convergedMs: now - restartedAt,
      note: `projected ${Math.round(now - readyAt)} ms after the restarted server was ready`,
    });
  });
});
