import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'ipcscope_token';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The Host header values a request to this server may carry; anything else smells of DNS rebinding. */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set([boundHost, boundHost.includes(':') ? `[${boundHost}]` : boundHost]);
  if (boundHost === '127.0.0.1' || boundHost === '::1') {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) names.add(name);
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

function sameSecret(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

export type AccessVerdict = { ok: true; viaQuery: boolean } | { ok: false; status: number; reason: string };

/** Checks the Host header, the Origin (when a browser sends one) and the token, in the query or the cookie. */
export function checkAccess(
  request: IncomingMessage,
  url: URL,
  hosts: Set<string>,
  token: string,
): AccessVerdict {
  if (!hosts.has(request.headers.host ?? '')) {
    return {
      ok: false,
      status: 421,
      reason: `unexpected Host header ${JSON.stringify(request.headers.host)}`,
    };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.has(origin.replace(/^https?:\/\//, ''))) {
    return { ok: false, status: 403, reason: `cross-origin request from ${origin} refused` };
  }
  const viaQuery = sameSecret(url.searchParams.get('token'), token);
  if (!viaQuery && !sameSecret(cookieToken(request), token)) {
    return {
      ok: false,
      status: 401,
      reason: 'missing or wrong access token: open the URL that `serve` printed',
    };
  }
  return { ok: true, viaQuery };
}
