import { describe, expect, it } from 'vitest';
import type { LabEventOf } from '../../contract/events';
import { AppendList } from '../../renderer/src/store/append-list';
import type { Trace, TraceFact } from '../../renderer/src/store/trace-slice';
import { tracedConnections } from '../../renderer/src/store/traced-connections';

const SERVER = '127.0.0.1:50008';
const CLIENT = '127.0.0.1:41000';
let seq = 0;
function call(tid: number, name: string, fields: Partial<LabEventOf<'trace:call'>> = {}): TraceFact {
  seq += 1;
  return {
    kind: 'trace:call',
    seq,
    t: seq,
    traceId: 1,
    at: seq * 10,
    pid: 100,
    tid,
    call: name,
    fd: 3,
    endpoint: null,
    address: null,
    newFd: null,
    newEndpoint: null,
    size: null,
    result: 0,
    errno: null,
    args: '',
    durationUs: null,
    ...fields,
  };
}
const bytes = (text: string) => ({ size: text.length, result: text.length, data: btoa(text) });
const traceOf = (facts: AppendList<TraceFact>) => ({ traceId: 1, facts }) as Trace;

describe("traced connections: the reply log's rows for what a traced server accepted", () => {
  it('counts what a client sent and the server read before strace printed the accept', () => {
    const clientSide = `TCP:[${CLIENT}->${SERVER}]`;
    const serverSide = `TCP:[${SERVER}->${CLIENT}]`;
    const facts = [
      call(2, 'sendto', { endpoint: clientSide, ...bytes('client0') }),
      call(3, 'recvfrom', { endpoint: serverSide, ...bytes('client0') }),
      call(3, 'accept4', { endpoint: `TCP:[${SERVER}]`, newEndpoint: serverSide, result: 4 }),
      call(3, 'sendto', { endpoint: serverSide, ...bytes("server got: [b'client0']") }),
      call(2, 'close', { endpoint: clientSide }),
    ];
    const accept = facts[2]?.seq as number;
    // Fed whole, and one fact at a time as a live trace brings them: the same row.
    const whole = tracedConnections(traceOf(AppendList.empty<TraceFact>().concat(facts))).get(accept);
    let list = AppendList.empty<TraceFact>();
    let live: ReturnType<typeof tracedConnections> = new Map();
    for (const fact of facts) {
      list = list.concat([fact]);
      live = tracedConnections(traceOf(list));
    }
    for (const conn of [whole, live.get(accept)]) {
      expect(conn).toMatchObject({
        peer: CLIENT,
        server: { pid: 100, tid: 3 },
        client: { pid: 100, tid: 2 },
        sent: btoa('client0'),
        reply: btoa("server got: [b'client0']"),
        closedBy: 'client',
      });
    }
  });
});
