import { describe, expect, it } from 'vitest';
import { parseSsSockets } from '../../main/engine/ss-sockets';

// `ss -H -t -n -e state connected exclude time-wait '( sport = :... )'`, as iproute2 6.1 prints it.
const OUTPUT = [
  'ESTAB      0      0          127.0.0.1:39557       127.0.0.1:50008 ino:12258023 sk:1def9 cgroup:/ <->',
  'CLOSE-WAIT 1      0      [::ffff:127.0.0.1]:41000 [::ffff:127.0.0.1]:50008 uid:1000 ino:777 sk:2 cgroup:/user.slice <->',
  'FIN-WAIT-2 0      0              [::1]:41001              [::1]:50008 timer:(timewait,59sec,0) ino:0 sk:3',
  'Recv-Q Send-Q Local Peer',
  'ESTAB 0 0 not-an-endpoint 127.0.0.1:1 ino:5',
  '',
].join('\n');

describe('ss output', () => {
  it('reads each socket: its state as /proc numbers it, both ends, the owner uid and the inode', () => {
    expect(parseSsSockets(OUTPUT)).toEqual([
      {
        localAddress: '127.0.0.1',
        localPort: 39557,
        remoteAddress: '127.0.0.1',
        remotePort: 50008,
        state: 1,
        uid: 0,
        inode: 12258023,
      },
      {
        localAddress: '::ffff:127.0.0.1',
        localPort: 41000,
        remoteAddress: '::ffff:127.0.0.1',
        remotePort: 50008,
        state: 8,
        uid: 1000,
        inode: 777,
      },
      {
        localAddress: '::1',
        localPort: 41001,
        remoteAddress: '::1',
        remotePort: 50008,
        state: 5,
        uid: 0,
        inode: 0,
      },
    ]);
  });
});
