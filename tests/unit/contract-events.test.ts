import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { eventSchemaOf, isLabEvent, LabEventSchema } from '../../contract';
import { compileCheck, compiledOnly } from '../../contract/compile-check';
import { HostMessageSchema } from '../../contract/wire';
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

  it('checks each event as valibot does, without valibot: every field of every kind, right and wrong', () => {
    const values = [
      undefined,
      null,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      0,
      0.5,
      1,
      7,
      '',
      'text',
      true,
      false,
    ];
    const shapes = [[], ['a'], [1], {}, { wrong: true }];
    for (const { kind, event, entries } of KINDS) {
      const schema = eventSchemaOf(kind) as v.GenericSchema;
      const check = compiledOnly(schema);
      expect(check, `${kind} compiles`).not.toBeNull();
      for (const [key, entry] of Object.entries(entries)) {
        const options = entry.options ?? entry.wrapped?.options ?? [];
        for (const value of [...values, ...shapes, ...options, 'SIGUSR1']) {
          const changed = { ...event, [key]: value };
          expect(check?.(changed), `${kind} ${key}=${JSON.stringify(value)}`).toBe(v.is(schema, changed));
        }
        const { [key]: _gone, ...without } = event;
        expect(check?.(without), `${kind} without ${key}`).toBe(v.is(schema, without));
      }
      for (const value of [null, 7, 'text', [], [event]]) expect(check?.(value)).toBe(v.is(schema, value));
    }
  });

  it('compiles each kind of part as valibot reads it, NaN and holes included', () => {
    const schemas: v.GenericSchema[] = [
      v.number(),
      v.string(),
      v.boolean(),
      v.literal(3),
      v.picklist(['a', 'b']),
      v.nullable(v.number()),
      v.optional(v.string()),
      v.array(v.number()),
      v.array(v.optional(v.string())),
      v.literal(Number.NaN),
      v.pipe(v.number(), v.finite(), v.description('a finite number')),
      v.pipe(v.number(), v.integer(), v.minValue(2)),
      v.custom<number>((value) => value === 2),
      v.unknown(),
      v.object({ any: v.unknown(), maybe: v.optional(v.number()) }),
    ];
    const values = [undefined, null, Number.NaN, Number.NEGATIVE_INFINITY, -1, 0, 2, 2.5, 3, '', 'a', true];
    for (const schema of schemas) {
      const check = compiledOnly(schema);
      expect(check, schema.type).not.toBeNull();
      const objects = [{}, { any: undefined }, { any: 1, maybe: undefined }, { any: 1, maybe: 'a' }];
      // biome-ignore lint/suspicious/noSparseArray: a hole, which valibot checks as undefined
      const holes = [[, 1], new Array(1), [, 'a']];
      for (const value of [...values, [], [1], [1, Number.NaN], ['a'], ...holes, ...objects]) {
        expect(check?.(value), `${schema.type} ${String(value)}`).toBe(v.is(schema, value));
      }
    }
  });

  it('compiles the host message schema, a variant of a variant with events checked by kind, as valibot reads it', () => {
    const check = compiledOnly(HostMessageSchema);
    expect(check).not.toBeNull();
    const [{ event }] = KINDS as [(typeof KINDS)[number]];
    const messages = [
      { type: 'reply', id: 1, reply: { ok: true, value: null } },
      { type: 'reply', id: 1, reply: { ok: true } },
      { type: 'reply', id: 1, reply: { ok: false, error: 'no' } },
      { type: 'reply', id: 1, reply: { ok: false, error: 3 } },
      { type: 'reply', id: '1', reply: { ok: true, value: 1 } },
      { type: 'reply', id: 1, reply: { ok: 'yes', value: 1 } },
      { type: 'reply', id: 1 },
      { type: 'events', events: [] },
      { type: 'events', events: [event, event] },
      { type: 'events', events: [event, { ...event, seq: 0 }] },
      { type: 'events', events: {} },
      { type: 'events' },
      { type: 'command', id: 1 },
      { id: 1 },
      null,
      [],
      'events',
    ];
    for (const message of messages) {
      expect(check?.(message), JSON.stringify(message)).toBe(v.is(HostMessageSchema, message));
    }
  });

  it('leaves a schema with a part it does not know to valibot', () => {
    const small = v.object({ n: v.pipe(v.number(), v.maxValue(3)) });
    expect(compiledOnly(small)).toBeNull();
    const check = compileCheck(small);
    expect([check({ n: 2 }), check({ n: 4 }), check({})]).toEqual([true, false, false]);
    expect(compiledOnly(v.pipe(v.pipe(v.number(), v.finite()), v.integer()))).toBeNull();
    expect(compiledOnly(v.optional(v.number(), 0))).toBeNull();
    const sameLiteral = v.variant('k', [
      v.object({ k: v.literal('a'), x: v.number() }),
      v.object({ k: v.literal('a'), y: v.string() }),
    ]);
    expect(compiledOnly(sameLiteral)).toBeNull();
    expect(compileCheck(sameLiteral)({ k: 'a', x: 1 })).toBe(true);
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
