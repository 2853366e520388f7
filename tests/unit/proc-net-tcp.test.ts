import { describe, expect, it } from 'vitest';
import { decodeAddress, findPeerSocket, parseProcNetTcp } from '../../main/engine/proc-net-tcp';

// Lines as a little-endian Linux prints them: a listener on 5000, both ends of one connection, a TIME_WAIT.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51001 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1388 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000  1000        0 51002 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:A1B2 0100007F:1388 01 00000000:00000000 00:00000000 00000000  1000        0 51003 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:C776 0100007F:1388 06 00000000:00000000 03:000003D1 00000000     0        0 0 3 0000000038004f6b
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1388 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 62001 1 0000000000000000 100 0 0 10 0
   1: 0000000000000000FFFF00000100007F:D431 0000000000000000FFFF00000100007F:1388 01 00000000:00000000 00:00000000 00000000  1000        0 62002 1 0000000000000000 20 4 30 10 -1
`;

describe('/proc/net/tcp parsing', () => {
  it('decodes little-endian IPv4 words and big-endian ports', () => {
    const entries = parseProcNetTcp(TCP, true);
    expect(entries).toHaveLength(4);
    expect(entries[1]).toEqual({
      localAddress: '127.0.0.1',
      localPort: 5000,
      remoteAddress: '127.0.0.1',
      remotePort: 0xa1b2,
      state: 1,
      uid: 1000,
      inode: 51002,
    });
  });

  it('decodes IPv6 loopback and IPv4-mapped addresses from tcp6', () => {
    const entries = parseProcNetTcp(TCP6, true);
    expect(entries.map((e) => e.localAddress)).toEqual(['::1', '::ffff:127.0.0.1']);
    expect(entries[1]?.localPort).toBe(0xd431);
  });

  it('reads addresses in network order on a big-endian machine', () => {
    expect(decodeAddress('7F000001', false)).toBe('127.0.0.1');
    expect(decodeAddress('0100007F', true)).toBe('127.0.0.1');
    expect(decodeAddress('000080FE00000000000000000100000A', true)).toBe('fe80::a00:1');
  });

  it('skips the header and malformed lines', () => {
    expect(parseProcNetTcp('garbage\n  7: nothing here\n\n', true)).toEqual([]);
    expect(parseProcNetTcp('   0: 0100007F:ZZZZ 00000000:0000 0A 0 0 0 1000 0 12', true)).toHaveLength(0);
  });

  it("finds the peer's end by the reversed port pair, never the server's end or a TIME_WAIT", () => {
    const entries = parseProcNetTcp(TCP, true);
    expect(findPeerSocket(entries, { peerPort: 0xa1b2, serverPort: 5000 })?.inode).toBe(51003);
    expect(findPeerSocket(entries, { peerPort: 0xc776, serverPort: 5000 })).toBeNull();
    expect(findPeerSocket(entries, { peerPort: 1, serverPort: 5000 })).toBeNull();
  });
});
