import type { Browser } from 'playwright-core';
import { appendMeasures, MEASURE_STATUSES } from '../../../shared/doc-schema.ts';
import { launchBrowser } from '../../e2e/helpers/browser.ts';
import { adminApi } from '../../e2e/helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from '../../e2e/helpers/tansiq.ts';

export interface BenchPlan {
  server: E2eServer;
  browser: Browser;
  documentId: string;
  /** the plan's measures view */
  url: string;
  close(): Promise<void>;
}

/**
 * A real server with an action plan of `count` measures filled as people fill them: a lead and
 * two partners among 20 organisations, dates, statuses, progress, budgets, text in the cells.
 */
export async function benchPlan(count: number): Promise<BenchPlan> {
  const server = await startE2eServer();
  const browser = await launchBrowser();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const organisations: string[] = [];
  for (let i = 0; i < 20; i++) {
    const created = await api.post('/api/organisations', {
      code: `org${i}`,
      kind: 'ministry',
      nameFr: `Ministère de l’organisation numéro ${i}`,
      nameAr: `وزارة رقم ${i}`,
      nameEn: `Ministry number ${i}`,
    });
    organisations.push(created.body.organisation.id);
  }
  const created = await api.post('/api/documents', { kind: 'action_plan', title: `Plan de ${count} mesures` });
  const documentId: string = created.body.document.id;
  const admin = await server.api.database.db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
  const pick = (i: number) => organisations[i % organisations.length]!;
  await server.api.hub.applyServerChange(
    documentId,
    (doc) =>
      appendMeasures(
        doc,
        Array.from({ length: count }, (_, i) => ({
          id: `m${i}`,
          title: `Mesure ${i + 1} : renforcer l’accueil des Marocains résidant à l’étranger dans les consulats`,
          indicator: `Indicateur ${i + 1} : nombre de dossiers traités`,
          notes: i % 3 === 0 ? `Note ${i + 1}` : '',
          leadOrganisationId: pick(i),
          partnerOrganisationIds: [pick(i + 1), pick(i + 7)],
          status: MEASURE_STATUSES[i % MEASURE_STATUSES.length]!,
          progress: (i * 7) % 101,
          start: '2026-01-01',
          due: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`,
          budget: 100_000 + i * 1_000,
        })),
      ),
    admin.id,
  );
  await server.api.hub.store.flush();
  return {
    server,
    browser,
    documentId,
    url: `${server.url}/documents/${documentId}?view=measures`,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** median, 95th percentile and maximum, in the unit given */
export function summary(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { median: at(50), p95: at(95), max: sorted.at(-1)! };
}

export const ms = (value: number) => value.toFixed(1);
