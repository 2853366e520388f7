/** How a host may be written: an IPv4 or IPv6 address or a name, in letters, digits, dots, colons and hyphens. */
export function isHostName(value: string): boolean {
  return /^[A-Za-z0-9.:-]{1,253}$/.test(value);
}

/** Addresses that mean "every interface": a server bound there is reachable from other machines. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '0:0:0:0:0:0:0:0' || host === '';
}

/** Loopback names and addresses: only this machine can reach a server bound there. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(bare) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(bare)
  );
}

/** A server bound here can be reached from other machines, so the UI warns about it. */
export function isExposedHost(host: string): boolean {
  return !isLoopbackHost(host);
}
