/** The session cookie is `__Host-` prefixed (and Secure) over HTTPS, plain over HTTP (local use). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-tansiq_session' : 'tansiq_session';
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
