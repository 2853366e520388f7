import type { LabEvent } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { createEchoServer, type EchoServer, type EchoServerOptions } from '../../main/engine/echo-server';
import { createEventLog, type EventLog } from '../../main/engine/event-log';

export interface EchoRig {
  log: EventLog;
  server: EchoServer;
  /** Every event, as the log's synchronous tap saw it. */
  events: LabEvent[];
  port: number;
}

/** The echo server alone with a real event log, listening on a free loopback port. */
export async function startEchoRig(options: Partial<EchoServerOptions> = {}): Promise<EchoRig> {
  const log = createEventLog({ clock: createClock() });
  const events: LabEvent[] = [];
  log.tap((event) => events.push(event));
  const server = createEchoServer({
    log,
    nextConnId: createCounter(),
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
  return { log, server, events, port: (await server.start()).port };
}
