// Parts of the lab on their own, to say where scenario 1's overhead comes from: the echo server with its
// event log stubbed out, or with the real event log (no run tracker, no peer lookup, no host).
import { parseArgs } from 'node:util';
import type { LabEvent, LabEventBody } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { createEchoServer } from '../../main/engine/echo-server';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { cpuMicros } from './cpu';
import { serveRpc } from './rpc-child';

const { values } = parseArgs({ options: { log: { type: 'string', default: 'real' } } });
const real = createEventLog({ clock: createClock() });
/** Takes every event and keeps nothing: what the echo server costs without its log. */
const stub: EventLog = {
  ...real,
  append: (body: LabEventBody) => body as LabEvent,
};
const echo = createEchoServer({
  log: values.log === 'stub' ? stub : real,
  nextConnId: createCounter(),
  port: 0,
});
const listening = echo.start({ host: '127.0.0.1', port: 0 });

export const echoPartsApi = {
  ready: () => listening.then(() => true),
  port: async () => (await listening).port,
  cpu: () => cpuMicros(),
};
export type EchoPartsApi = typeof echoPartsApi;

serveRpc(echoPartsApi, () => echo.close());
