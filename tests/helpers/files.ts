import type { ApiClient } from './http.ts';

/** File transfers through the same session as an ApiClient: binary downloads and multipart uploads. */

function headersOf(api: ApiClient, write: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  if (api.cookie) headers.cookie = api.cookie;
  if (api.bearer) headers.authorization = `Bearer ${api.bearer}`;
  if (write && api.csrfToken) headers['x-csrf-token'] = api.csrfToken;
  return headers;
}

export async function download(api: ApiClient, path: string): Promise<{ status: number; headers: Headers; data: Buffer; json: any }> {
  const response = await fetch(`${api.baseUrl}${path}`, { headers: headersOf(api, false) });
  const data = Buffer.from(await response.arrayBuffer());
  let json: any;
  if ((response.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(data.toString('utf8'));
  return { status: response.status, headers: response.headers, data, json };
}

export async function upload(
  api: ApiClient,
  path: string,
  file: { name: string; data: Uint8Array; type?: string },
  fields: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const response = await fetch(`${api.baseUrl}${path}`, { method, headers: headersOf(api, true), body: form });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}
