/**
 * What GET /readyz depends on, one check per part (the database, Redis when set, …). Each says
 * null when its part works, else why not; the route is ready only when every one is.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<string | null>;
  /** false: a part the service works without (the Slack bot); when down it is reported, and the status is `degraded`, still 200 */
  critical?: boolean;
}

/** /readyz answers within a second whatever hangs: a check that has not answered by then failed. */
const CHECK_TIMEOUT_MS = 800;

export interface Readiness {
  ready: boolean;
  /** `status`, then each check's name with `up` or `down`, then `reasons` when not ready */
  body: Record<string, unknown>;
}

export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const results = await Promise.all(checks.map(async (entry) => ({ name: entry.name, critical: entry.critical !== false, problem: await withTimeout(entry) })));
  const failed = results.filter((result) => result.problem !== null);
  const reasons = failed.map((result) => `${result.name}: ${result.problem}`);
  const ready = failed.every((result) => !result.critical);
  const body: Record<string, unknown> = { status: !ready ? 'not_ready' : failed.length > 0 ? 'degraded' : 'ready' };
  for (const result of results) body[result.name] = result.problem === null ? 'up' : 'down';
  if (reasons.length > 0) body.reasons = reasons;
  return { ready, body };
}

/** The database check: its ping says yes or no. */
export function databaseCheck(ping: () => Promise<boolean>): ReadinessCheck {
  return { name: 'database', check: async () => ((await ping()) ? null : 'the database does not answer') };
}

async function withTimeout(entry: ReadinessCheck): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([entry.check().catch((error: unknown) => (error instanceof Error ? error.message : String(error))), late]);
  } finally {
    clearTimeout(timer);
  }
}
