import { describe, expect, it } from 'vitest';
import { closes, isUnix, receives, sends, socketEnds } from '../../renderer/src/store/traced-calls';

describe("traced calls: one set of rules for the reply log, the sequence chart and the timeline's lanes", () => {
  it('tells writes from reads, including the positioned ones, and knows what ends an fd', () => {
    for (const call of ['write', 'writev', 'pwrite64', 'send', 'sendto', 'sendmsg']) {
      expect([sends(call), receives(call)]).toEqual([true, false]);
    }
    for (const call of ['read', 'readv', 'pread64', 'recv', 'recvfrom', 'recvmsg']) {
      expect([sends(call), receives(call)]).toEqual([false, true]);
    }
    expect([sends('connect'), receives('accept4'), closes('connect')]).toEqual([false, false, false]);
    expect([closes('close'), closes('shutdown')]).toEqual([true, true]);
  });

  it("reads a connected socket's ends, its own first, and marks UNIX ones", () => {
    expect(socketEnds('TCP:[127.0.0.1:50008->127.0.0.1:41234]')).toEqual({
      local: '127.0.0.1:50008',
      remote: '127.0.0.1:41234',
    });
    expect(socketEnds('TCPv6:[[::1]:5000->[::1]:6000]')).toEqual({
      local: '[::1]:5000',
      remote: '[::1]:6000',
    });
    const unix = socketEnds('UNIX:[7306317->7306318]');
    expect(unix).toEqual({ local: 'unix:7306317', remote: 'unix:7306318' });
    expect(isUnix(unix?.local ?? '')).toBe(true);
    expect(isUnix('127.0.0.1:50008')).toBe(false);
    for (const endpoint of ['TCP:[127.0.0.1:50008]', 'pipe:[7306317]', 'UDP:[1.2.3.4:5->6.7.8.9:10]', null]) {
      expect(socketEnds(endpoint)).toBeNull();
    }
  });
});
