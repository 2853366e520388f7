import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isLabEvent, LabEventSchema } from '../../contract';
import { parseHostMessage } from '../../renderer/src/bridge/parse-host-message';
import { checkEvent } from '../../renderer/src/session-files/check-event';
import { checkHeader, makeHeader } from '../../renderer/src/session-files/session-format';
import { info } from './fake-lab';

type AnySchema = v.GenericSchema & {
  literal?: unknown;
  options?: readonly unknown[];
  wrapped?: AnySchema;
  pipe?: readonly AnySchema[];
};

/** A value the schema accepts, built from the schema itself, so that every kind, new ones too, is covered. */
function sample(schema: AnySchema): unknown {
  switch (schema.type) {
    case 'literal':
      return schema.literal;
    case 'picklist':
      return schema.options?.at(-1);
    case 'optional':
    case 'nullable':
      return sample(schema.wrapped as AnySchema);
    case 'number':
      return 7;
    case 'string':
      return 'text';
    case 'boolean':
      return true;
    case 'array':
      return ['a', 'b'];
    default:
      throw new Error(`no sample for a ${schema.type} schema`);
  }
}

const KINDS = LabEventSchema.options.map((option) => {
  const event = Object.fromEntries(
    Object.entries(option.entries).map(([key, schema]) => [key, sample(schema as AnySchema)]),
  );
  return { kind: option.entries.kind.literal, event, entries: option.entries as Record<string, AnySchema> };
});

describe('events: one schema per kind is the type and the check', () => {
  it('has a sample of every kind, each with seq and t', () => {
    expect(KINDS.length).toBeGreaterThan(30);
    for (const { event } of KINDS) expect(event).toMatchObject({ seq: 7, t: 7 });
  });

  it('takes every kind back as it came, the very object, keys in their order', () => {
    for (const { kind, event } of KINDS) {
      const line = JSON.parse(JSON.stringify(event));
      expect(checkEvent(line), kind).toBe(line);
      expect(isLabEvent(line), kind).toBe(true);
    }
  });

  it('takes every value of each field that is one of a set, as the engine writes them', () => {
    const sets: Record<string, Record<string, string[]>> = {
      'conn:open': { role: ['echo', 'redirect'] },
      'conn:close': { cause: ['client', 'server', 'idle-timeout', 'error'] },
      'run:start': { mode: ['process', 'thread', 'python'] },
      'client:output': { stream: ['stdout', 'stderr'] },
      'signal:received': { source: ['button', 'external', 'alarm'] },
      'signal:sent': { target: ['app', 'child'] },
      'child:state': { state: ['stopped', 'continued'] },
      'script:start': { mode: ['pipe', 'socket'] },
      'composer:closed': { by: ['composer', 'server', 'error'] },
      'trace:process': { how: ['start', 'attach', 'fork', 'thread', 'exec', 'seen'] },
      'trace:end': { reason: ['exited', 'detached', 'stopped', 'failed'] },
    };
    for (const [kind, fields] of Object.entries(sets)) {
      const { event } = KINDS.find((entry) => entry.kind === kind) ?? { event: {} };
      for (const [field, values] of Object.entries(fields)) {
        for (const value of values) {
          const line = { ...event, [field]: value };
          expect(checkEvent(line), `${kind} ${field}=${value}`).toBe(line);
        }
        expect(checkEvent({ ...event, [field]: '' }), `${kind} ${field}=""`).toBe(
          `${kind}: field "${field}" is missing or has the wrong type`,
        );
      }
    }
  });

  it('refuses every field of every kind when it has the wrong type or is missing, naming it', () => {
    for (const { kind, event, entries } of KINDS) {
      for (const key of Object.keys(entries).filter((name) => !['kind', 'seq', 't'].includes(name))) {
        const message = `${kind}: field "${key}" is missing or has the wrong type`;
        expect(checkEvent({ ...event, [key]: { wrong: true } })).toBe(message);
        expect(isLabEvent({ ...event, [key]: { wrong: true } })).toBe(false);
        const { [key]: _gone, ...without } = event;
        expect(checkEvent(without)).toBe(entries[key]?.type === 'optional' ? without : message);
      }
    }
  });

  it('refuses fields that the views could not show, written out by hand', () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ kind: 'alarm:fired', seq: 1, t: 1 }, 'repeat'],
      [{ kind: 'conn:close', connId: 1, cause: 'meteor', bytesIn: 1, bytesOut: 1, seq: 1, t: 1 }, 'cause'],
      [{ kind: 'conn:extra', connId: 1, data: '', size: 0, ignored: false, seq: 1, t: 1 }, 'ignored'],
      [
        { kind: 'client:exit', runId: 1, clientId: 'a', pid: 2, code: '0', signal: null, seq: 1, t: 1 },
        'code',
      ],
      [{ kind: 'signal:sent', signal: 'SIGSEGV', number: 11, pid: 2, target: 'app', seq: 1, t: 1 }, 'signal'],
      [{ kind: 'run:end', runId: 1, accepted: [1], replied: [], exited: [], seq: 1, t: 1 }, 'accepted'],
      [{ kind: 'conn:peer', connId: 1, pid: undefined, command: null, seq: 1, t: 1 }, 'pid'],
    ];
    for (const [event, field] of refusals) {
      expect(checkEvent(event)).toBe(`${event.kind}: field "${field}" is missing or has the wrong type`);
    }
    const script = { kind: 'script:start', scriptId: 1, argv: ['ls'], cwd: '/', mode: 'pipe', shell: false };
    expect(checkEvent({ ...script, pid: 5, seq: 1, t: 1 })).not.toBeTypeOf('string');
  });

  it('keeps reading session files from before log:evicted had maxBytes', () => {
    const old = { kind: 'log:evicted', count: 1, total: 1, capacity: 10, seq: 4, t: 9 };
    expect(checkEvent(old)).toBe(old);
  });
});

describe('host messages: a reply or a batch of known events', () => {
  const event = { kind: 'conn:data', connId: 1, data: 'aGk=', size: 2, seq: 1, t: 5 };

  it('reads replies and event batches', () => {
    expect(
      parseHostMessage(JSON.stringify({ type: 'reply', id: 3, reply: { ok: true, value: [1] } })),
    ).toEqual({
      type: 'reply',
      id: 3,
      reply: { ok: true, value: [1] },
    });
    expect(
      parseHostMessage(JSON.stringify({ type: 'reply', id: 4, reply: { ok: false, error: 'no' } })),
    ).toEqual({ type: 'reply', id: 4, reply: { ok: false, error: 'no' } });
    const batch = parseHostMessage(JSON.stringify({ type: 'events', events: [event, { ...event, seq: 2 }] }));
    expect(batch).toEqual({ type: 'events', events: [event, { ...event, seq: 2 }] });
  });

  it('drops frames that are not JSON, not a message, or carry an event this version does not know', () => {
    for (const frame of [
      'not json',
      '[]',
      JSON.stringify({ type: 'reply', id: 1, reply: { ok: true } }),
      JSON.stringify({ type: 'reply', id: '1', reply: { ok: false, error: 'x' } }),
      JSON.stringify({ type: 'reply', id: 1, reply: { ok: 'maybe' } }),
      JSON.stringify({ type: 'events', events: [event, { ...event, size: '2' }] }),
      JSON.stringify({ type: 'events', events: [{ ...event, kind: 'conn:teleport' }] }),
      JSON.stringify({ type: 'events', events: {} }),
      JSON.stringify({ type: 'command', id: 1 }),
    ]) {
      expect(parseHostMessage(frame), frame).toBeNull();
    }
  });
});

describe('session headers: the lab info the views read is checked', () => {
  const header = makeHeader(info, 2, 0, { now: new Date(0) });
  const problem = (change: Record<string, unknown>, infoChange: Record<string, unknown> = {}) =>
    checkHeader({ ...header, ...change, info: { ...header.info, ...infoChange } });

  it("carries the composer's saved messages only when there are some", () => {
    expect(header).not.toHaveProperty('messages');
    const messages = [{ name: 'two bytes', text: 'ff 00', format: 'hex' as const }];
    const withMessages = makeHeader(info, 2, 0, { now: new Date(0), messages });
    expect(checkHeader(JSON.parse(JSON.stringify(withMessages)))).toEqual({ ...header, messages });
  });

  it('reads a header it wrote, and one without its export date', () => {
    expect(checkHeader(JSON.parse(JSON.stringify(header)))).toEqual(header);
    const { exportedAt: _, ...undated } = header;
    expect(checkHeader(undated)).toEqual(undated);
    expect(
      checkHeader({ ...header, info: { ...info, historyLimits: { events: 5, bytes: 6 } } }),
    ).not.toBeTypeOf('string');
  });

  it('says what is wrong with it, first problem first', () => {
    const notOurs = 'not an IPC Scope session (the first line should say "format": "ipc-scope-session")';
    expect(checkHeader(null)).toBe(notOurs);
    expect(checkHeader([header])).toBe(notOurs);
    expect(problem({ format: 'other', version: 9 })).toBe(notOurs);
    expect(problem({ version: 2 })).toBe('session format version 2 is not one this version reads (1)');
    expect(problem({ version: undefined })).toBe(
      'session format version undefined is not one this version reads (1)',
    );
    expect(checkHeader({ ...header, info: 'lab' })).toBe('the header has no lab info');
    expect(problem({}, { pid: '1' })).toBe('the lab info lacks its pid, platform or start time');
    expect(problem({}, { startedAtMs: undefined })).toBe(
      'the lab info lacks its pid, platform or start time',
    );
    expect(problem({}, { host: 'cloud' })).toBe('the lab info names an unknown host');
    expect(problem({}, { echo: { ...info.echo, port: '80' } })).toBe('the lab info lacks the echo server');
    expect(problem({}, { modes: [{ mode: 'fork' }] })).toBe(
      'the lab info lacks its modes, signals or client limit',
    );
    expect(problem({}, { maxClients: null })).toBe('the lab info lacks its modes, signals or client limit');
    expect(problem({}, { historyLimits: { events: 1 } })).toBe('the lab info has no valid historyLimits');
    expect(problem({ events: '2' })).toBe('the header lacks its event counts');
    expect(problem({ exportedAt: 0 })).toBe('the header has an export date that is not text');
    expect(problem({ messages: [{ name: 'two bytes', text: 'ff00', format: 'base64' }] })).toBe(
      "the header's saved messages are not a list of names, texts and formats (text or hex)",
    );
  });
});
