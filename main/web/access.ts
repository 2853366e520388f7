import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { isLoopbackHost, isWildcardHost } from '../../contract/hosts';

export const TOKEN_COOKIE = 'ipcscope_token';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Every address of this machine's interfaces, loopback included. */
export function machineAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) =>
    (list ?? []).map((entry) => entry.address.replace(/%.*$/, '')),
  );
}

const bracketed = (name: string) => (name.includes(':') ? `[${name}]` : name);

/**
 * The Host header values a request to this server may carry; anything else smells of DNS rebinding.
 * Loopback accepts its usual names; an explicit wildcard bind (`--host 0.0.0.0`) accepts the machine's own
 * addresses and name, and a specific address accepts only itself.
 */
export function allowedHosts(
  boundHost: string,
  port: number,
  machine: { addresses: string[]; hostname: string } = {
    addresses: machineAddresses(),
    hostname: os.hostname(),
  },
): Set<string> {
  const names = new Set([boundHost.toLowerCase()]);
  if (isLoopbackHost(boundHost) || isWildcardHost(boundHost)) {
    for (const name of ['127.0.0.1', 'localhost', '::1']) names.add(name);
  }
  if (isWildcardHost(boundHost)) {
    for (const address of machine.addresses) names.add(address.toLowerCase());
    if (machine.hostname !== '') names.add(machine.hostname.toLowerCase());
  }
  // Browsers leave out the default port.
  const withPort = [...names].map((name) => `${bracketed(name)}:${port}`);
  return new Set(port === 80 ? [...withPort, ...[...names].map(bracketed)] : withPort);
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
  if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
    return {
      ok: false,
      status: 421,
      reason: `unexpected Host header ${JSON.stringify(request.headers.host)}`,
    };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
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
