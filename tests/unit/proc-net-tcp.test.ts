import { endianness } from 'node:os';
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

describe('/proc/net/tcp details', () => {
  const line = (local: string, remote: string, rest = '01 0:0 0:0 0 1000 0 7') =>
    `   0: ${local} ${remote} ${rest}`;

  it('writes IPv6 with the longest run of zero groups as ::, the first of equal runs, and never one lone zero', () => {
    // Big-endian words, so the hex reads as the address does.
    const v6 = (groups: string) => decodeAddress(groups.replaceAll(' ', ''), false);
    expect(v6('20010db8 00000000 00010000 00000001')).toBe('2001:db8::1:0:0:1');
    expect(v6('20010db8 00010000 00000000 00000001')).toBe('2001:db8:1::1');
    expect(v6('20010db8 00010001 00010001 00010001')).toBe('2001:db8:1:1:1:1:1:1');
    expect(v6('20010000 00010001 00010001 00010001')).toBe('2001:0:1:1:1:1:1:1');
    expect(v6('00000000 00000000 00000000 00000000')).toBe('::');
    expect(v6('fe800000 00000000 00000000 00000000')).toBe('fe80::');
  });

  it('reads an address as IPv4-mapped only when ten zero bytes come before ffff', () => {
    expect(decodeAddress('00000000000000000000FFFF7F000001', false)).toBe('::ffff:127.0.0.1');
    expect(decodeAddress('00000000000000000001FFFF7F000001', false)).toBe('::1:ffff:7f00:1');
    expect(decodeAddress('0000000000000000000000FF7F000001', false)).toBe('::ff:7f00:1');
    expect(decodeAddress('00000000000000000000FF007F000001', false)).toBe('::ff00:7f00:1');
  });

  it('skips lines whose fields do not parse, and keeps the one that does', () => {
    const good = line('0100007F:1388', '0100007F:A1B2');
    const text = [
      good,
      line('0100007F', '0100007F:A1B2'), // no port
      line('00007F:1388', '0100007F:A1B2'), // address neither 8 nor 32 digits
      line('0100007F:1388', '0100007F:A1B2', 'ZZ 0:0 0:0 0 1000 0 7'), // state
      line('0100007F:1388', '0100007F:A1B2', '01 0:0 0:0 0 x 0 7'), // uid
      line('0100007F:1388', '0100007F:A1B2', '01 0:0 0:0 0 1000 0 7.5'), // inode
      line('0100007F:1388', '0100007F:A1B2', '01 0:0 0:0 0 1000 0'), // too few fields
      good.replace('0:', '0'), // no `sl:`
    ].join('\n');
    const entries = parseProcNetTcp(text, true);
    expect(entries.map((e) => [e.localPort, e.remotePort, e.state, e.uid, e.inode])).toEqual([
      [5000, 0xa1b2, 1, 1000, 7],
    ]);
  });

  it("takes a peer's end in another state when none is established, and never one without an inode", () => {
    const entry = (state: number, inode: number) => ({
      localAddress: '127.0.0.1',
      localPort: 40_000,
      remoteAddress: '127.0.0.1',
      remotePort: 5000,
      state,
      uid: 0,
      inode,
    });
    const ports = { peerPort: 40_000, serverPort: 5000 };
    expect(findPeerSocket([entry(8, 11), entry(1, 12)], ports)?.inode).toBe(12);
    expect(findPeerSocket([entry(1, 0), entry(8, 11)], ports)?.inode).toBe(11);
    expect(findPeerSocket([{ ...entry(1, 13), remotePort: 5001 }], ports)).toBeNull();
  });

  it("reads the machine's own byte order when not told", () => {
    const loopback = endianness() === 'LE' ? '0100007F' : '7F000001';
    expect(decodeAddress(loopback)).toBe('127.0.0.1');
    expect(parseProcNetTcp(line(`${loopback}:1388`, `${loopback}:A1B2`))[0]?.remoteAddress).toBe('127.0.0.1');
  });
});
