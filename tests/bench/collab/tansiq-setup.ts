/** Prepares Tansiq through its public API: users of the ministry, their API tokens, documents. */

export const ADMIN = { email: 'bench-admin@tansiq.ma', password: 'bench-admin-password' };
const USER_PASSWORD = 'bench-user-password';

async function call<T>(base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ json: T; response: Response }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return { json: (text ? JSON.parse(text) : {}) as T, response };
}

/** Signs in and creates an API token (the secret is shown once), as a person would in the app. */
async function tokenFor(base: string, email: string, password: string): Promise<{ secret: string; organisationId: string }> {
  const { json, response } = await call<{ csrfToken: string; organisation: { id: string } }>(base, 'POST', '/api/auth/login', { email, password });
  const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? '']).map((line) => line.split(';')[0]).join('; ');
  const created = await call<{ secret: string }>(base, 'POST', '/api/tokens', { name: 'benchmark', password }, { cookie, 'x-csrf-token': json.csrfToken });
  return { secret: created.json.secret, organisationId: json.organisation.id };
}

export interface Prepared {
  docs: string[];
  /** one API token per user; the per-user connection limit (100) needs several users */
  tokens: string[];
}

/**
 * `users` members of the ministry (the lead organisation of the documents, so they may edit) with
 * a token each, and `docs` notes. Runs once per database; scenarios then use copies of it.
 */
export async function prepareTansiq(base: string, docs: number, users: number, log: (message: string) => void): Promise<Prepared> {
  const admin = await tokenFor(base, ADMIN.email, ADMIN.password);
  const bearer = { authorization: `Bearer ${admin.secret}` };
  const tokens: string[] = [];
  for (let i = 0; i < users; i++) {
    const email = `bench-user-${i}@tansiq.ma`;
    await call(base, 'POST', '/api/users', { email, name: `Point focal ${i}`, organisationId: admin.organisationId, password: USER_PASSWORD }, bearer);
    tokens.push((await tokenFor(base, email, USER_PASSWORD)).secret);
    if ((i + 1) % 10 === 0) log(`  ${i + 1}/${users} users with tokens`);
  }
  const ids: string[] = [];
  for (let i = 0; i < docs; i++) {
    const { json } = await call<{ document: { id: string } }>(base, 'POST', '/api/documents', { kind: 'note', title: `Note de banc d’essai ${i}` }, bearer);
    ids.push(json.document.id);
    if ((i + 1) % 100 === 0) log(`  ${i + 1}/${docs} documents`);
  }
  return { docs: ids, tokens };
}
