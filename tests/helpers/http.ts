/**
 * A small HTTP client for tests that behaves like a browser session: it keeps the session cookie
 * and sends the CSRF token on writes, or uses a bearer token.
 */
export class ApiClient {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;

  constructor(readonly baseUrl: string) {}

  static withToken(baseUrl: string, token: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.bearer = token;
    return client;
  }

  async login(email: string, password: string): Promise<ApiResponse> {
    const response = await this.request('POST', '/api/auth/login', { email, password });
    if (response.status === 200) this.csrfToken = response.body.csrfToken;
    return response;
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, undefined, options);
  post = (path: string, body?: unknown, options?: RequestOptions) => this.request('POST', path, body, options);
  put = (path: string, body?: unknown, options?: RequestOptions) => this.request('PUT', path, body, options);
  patch = (path: string, body?: unknown, options?: RequestOptions) => this.request('PATCH', path, body, options);
  delete = (path: string, body?: unknown, options?: RequestOptions) => this.request('DELETE', path, body, options);

  async request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookie && !options.withoutCookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && !options.withoutCsrf) headers['x-csrf-token'] ??= this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const [pair] = line.split(';');
      if (!pair) continue;
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value ? pair : undefined;
    }
    const text = await response.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  withoutCsrf?: boolean;
  withoutCookie?: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}
