/** A listen() that failed, with its errno code. */
export type ListenError = Error & { code: string };

/**
 * Why a server could not listen, in words a user can act on: `where` names the port and host (the subject of
 * the sentence), `pickAnother` says how to choose another port. One wording for the echo server and the UI.
 */
export function listenError(error: unknown, where: string, host: string, pickAnother: string): ListenError {
  const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
  const reasons: Record<string, string> = {
    EADDRINUSE: `${where} is already in use: stop the other program or ${pickAnother}`,
    EACCES: `${where} needs privileges this user lacks (ports below 1024 do): ${pickAnother}`,
    EADDRNOTAVAIL: `${where} cannot be opened: ${host} is not an address of this machine`,
    ENOTFOUND: `${where} cannot be opened: host ${host} could not be resolved`,
    EAI_AGAIN: `${where} cannot be opened: host ${host} could not be resolved`,
  };
  const message =
    reasons[code] ?? `${where} cannot be opened: ${error instanceof Error ? error.message : String(error)}`;
  return Object.assign(new Error(message), { code });
}
