// The child side of the bench's request/reply channel over Node's IPC pipe.
import type { Api, RpcReply, RpcRequest } from '../rpc-types';

function isRequest(value: unknown): value is RpcRequest {
  const message = value as Partial<RpcRequest> | null;
  return typeof message === 'object' && typeof message?.id === 'number' && typeof message.op === 'string';
}

/**
 * Answers each request with its handler's result. SIGTERM or the parent's disconnect runs `stop` and exits
 * normally, so a --cpu-prof profile gets written.
 */
export function serveRpc<A extends Api>(handlers: A, stop: () => Promise<void> = async () => {}): void {
  const send = (reply: RpcReply) => process.send?.(reply);
  process.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const handler = handlers[message.op];
    if (handler === undefined) {
      send({ id: message.id, ok: false, error: `no such op: ${message.op}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.arg as never))
      .then(
        (value) => send({ id: message.id, ok: true, value }),
        (error: unknown) =>
          send({
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  let stopping = false;
  const end = () => {
    if (stopping) return;
    stopping = true;
    stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', end);
  // A bench that dies must not leave servers behind.
  process.on('disconnect', end);
}
