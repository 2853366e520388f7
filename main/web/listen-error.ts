/** Why the UI server could not listen, in words a user can act on, naming the host and the port. */
export function uiListenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
  const where = `the UI cannot listen on port ${port} of ${host}`;
  const reasons: Record<string, string> = {
    EADDRINUSE: 'the port is already in use: stop the other program or pick another with --ui-port',
    EACCES: 'this user lacks the privileges (ports below 1024 need them): pick another with --ui-port',
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    ENOTFOUND: `host ${host} could not be resolved`,
    EAI_AGAIN: `host ${host} could not be resolved`,
  };
  const reason = reasons[code] ?? (error instanceof Error ? error.message : String(error));
  return Object.assign(new Error(`${where}: ${reason} (${code})`), { code });
}
