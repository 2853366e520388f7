import { describe, expect, it } from 'vitest';
import { EVENT_SYSCALLS } from '../../contract/event-syscalls';
import { LabEventSchema } from '../../contract/events';
import { isExposedHost, isHostName, isLoopbackHost, isWildcardHost } from '../../contract/hosts';
import {
  APP_HANDLED_SIGNALS,
  isAppHandledSignal,
  isCatchableSignal,
  SIGNAL_EFFECTS,
  SIGNAL_NAMES,
  signalLabel,
} from '../../contract/signals';

describe('host names', () => {
  it.each(['127.0.0.1', '::1', 'localhost', 'my-host.example', '0.0.0.0', 'fe80::1', 'a'.repeat(253)])(
    'takes %s as a host to bind or connect to',
    (host) => expect(isHostName(host)).toBe(true),
  );

  it.each(['', 'a'.repeat(254), 'host name', 'host/x', 'x;rm', '[::1]', 'ünï.example'])(
    'refuses %j',
    (host) => expect(isHostName(host)).toBe(false),
  );

  it.each([
    ['0.0.0.0', true, false, true],
    ['::', true, false, true],
    ['0:0:0:0:0:0:0:0', true, false, true],
    ['', true, false, true],
    ['127.0.0.1', false, true, false],
    ['127.1.2.3', false, true, false],
    ['LOCALHOST', false, true, false],
    ['[::1]', false, true, false],
    ['::ffff:127.0.0.1', false, true, false],
    ['192.168.1.5', false, false, true],
    ['128.0.0.1', false, false, true],
    ['127.0.0.1.example', false, false, true],
    ['::ffff:10.0.0.1', false, false, true],
  ] as const)(
    '%j: every interface %s, loopback %s, reachable from elsewhere %s',
    (host, wildcard, loopback, exposed) => {
      expect(isWildcardHost(host)).toBe(wildcard);
      expect(isLoopbackHost(host)).toBe(loopback);
      expect(isExposedHost(host)).toBe(exposed);
    },
  );
});

describe('signals', () => {
  it('handles in the app only signals a handler can catch, and never SIGKILL, SIGSTOP or SIGCONT', () => {
    for (const name of APP_HANDLED_SIGNALS) expect(isCatchableSignal(name), name).toBe(true);
    expect(APP_HANDLED_SIGNALS).toEqual(['SIGUSR1', 'SIGUSR2', 'SIGALRM', 'SIGWINCH']);
    for (const name of ['SIGKILL', 'SIGSTOP', 'SIGCONT'] as const) {
      expect(isCatchableSignal(name), name).toBe(false);
      expect(isAppHandledSignal(name), name).toBe(false);
    }
    expect(SIGNAL_NAMES.filter((name) => isCatchableSignal(name) && !isAppHandledSignal(name))).toEqual([
      'SIGHUP',
      'SIGINT',
      'SIGQUIT',
      'SIGTERM',
    ]);
  });

  it('says, before sending it, what every signal that is not the app’s own does', () => {
    for (const name of SIGNAL_NAMES.filter((name) => !isAppHandledSignal(name))) {
      expect(SIGNAL_EFFECTS[name], name).toMatch(/\w{4,}/);
    }
    expect(SIGNAL_EFFECTS.SIGKILL).toMatch(/cannot be caught/);
    expect(SIGNAL_EFFECTS.SIGSTOP).toMatch(/cannot be caught.*SIGCONT/);
    expect(signalLabel('SIGUSR2', 12)).toBe('SIGUSR2 (12)');
  });
});

describe('the system call behind each event kind', () => {
  it('names a call and says what it did, for every kind the contract has', () => {
    const kinds = LabEventSchema.options.map((schema) => schema.entries.kind.literal);
    expect(Object.keys(EVENT_SYSCALLS).sort()).toEqual([...kinds].sort());
    for (const [kind, { call, text }] of Object.entries(EVENT_SYSCALLS)) {
      expect(call, kind).toMatch(/^(\w+\(.*\)|\/proc\/|SIG[A-Z]+$|—$)/);
      expect(text.length, kind).toBeGreaterThan(30);
    }
  });
});
