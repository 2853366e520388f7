import * as v from 'valibot';
import {
  MAX_COMPOSE_TIMEOUT_MS,
  MAX_MESSAGE_CHARS,
  MessageFormatSchema,
  MIN_COMPOSE_TIMEOUT_MS,
  parseMessage,
  parseTarget,
} from './compose';
import { ClientModeSchema, RedirectModeSchema } from './events';
import { isHostName } from './hosts';
import { SIGNAL_NAMES } from './signals';

export const MAX_CLIENTS = 200;
export const MAX_ALARM_SECONDS = 86_400;
export const MAX_ARGV_ITEMS = 256;
export const MAX_ARG_LENGTH = 8_192;
const MAX_PID = 2 ** 31 - 1;

type Issue = v.BaseIssue<unknown>;

const got = (issue: Issue) => JSON.stringify(issue.input);

function wholeNumber(name: string, min: number, max: number) {
  const message = (issue: Issue) => `${name} must be a whole number from ${min} to ${max}, got ${got(issue)}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

function oneOf<const T extends readonly string[]>(name: string, options: T) {
  return v.picklist(options, (issue) => `${name} must be one of ${options.join(', ')}, got ${got(issue)}`);
}

const flag = (name: string) => v.optional(v.boolean(`${name} must be true or false`));

const signal = v.picklist(SIGNAL_NAMES, (issue) => `unknown or unsupported signal ${got(issue)}`);

const hostMessage = (issue: Issue) => `host must be an IP address or a host name, got ${got(issue)}`;
const host = v.pipe(v.string(hostMessage), v.check(isHostName, hostMessage));

const argvMessage = `argv must be a list of 1 to ${MAX_ARGV_ITEMS} strings`;
const argMessage = `each argument must be a string of at most ${MAX_ARG_LENGTH} characters with no NUL`;
const noNul = (text: string) => !text.includes('\0');
// The list's length is checked before its items, so a huge list is refused without reading it.
const argv = v.pipe(
  v.array(v.unknown(), argvMessage),
  v.minLength(1, argvMessage),
  v.maxLength(MAX_ARGV_ITEMS, argvMessage),
  v.array(v.pipe(v.string(argMessage), v.maxLength(MAX_ARG_LENGTH, argMessage), v.check(noNul, argMessage))),
  v.check((items) => items[0] !== '', 'the command is empty'),
);

const cwd = v.pipe(v.string('cwd must be a path'), v.check(noNul, 'cwd must be a path'));

const targetMessage = (issue: Issue) => `target must be host:port, got ${got(issue)}`;
const target = v.optional(
  v.pipe(
    v.string(targetMessage),
    v.rawCheck(({ dataset, addIssue }) => {
      const parsed = dataset.typed ? parseTarget(dataset.value) : null;
      if (parsed && !parsed.ok) addIssue({ message: parsed.error });
    }),
  ),
);
const timeoutMs = v.optional(wholeNumber('timeoutMs', MIN_COMPOSE_TIMEOUT_MS, MAX_COMPOSE_TIMEOUT_MS));
const connection = wholeNumber('connection', 1, Number.MAX_SAFE_INTEGER);
const messageText = v.pipe(
  v.string('message must be a string'),
  v.maxLength(MAX_MESSAGE_CHARS, `message must be at most ${MAX_MESSAGE_CHARS} characters`),
);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A payload with exactly these fields, checked in the order given; no payload at all is an empty one.
 * A missing field is worded as its own check words `undefined`.
 */
function payload<E extends v.ObjectEntries>(entries: E) {
  const fields = v.strictObject(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    if (typeof key !== 'string') return 'payload must be an object';
    if (issue.expected === 'never') return `unknown field "${key}"`;
    return (
      v.safeParse(entries[key] as v.GenericSchema, undefined).issues?.[0]?.message ?? `${key} is missing`
    );
  });
  return v.optional(
    v.pipe(v.custom<Record<string, unknown>>(isRecord, 'payload must be an object'), fields),
    {},
  );
}

/** Every command's payload, by command name. A new command needs its payload here and its handler. */
export const CommandPayloadSchemas = {
  'lab:hello': payload({}),
  'echo:start': payload({ port: v.optional(wholeNumber('port', 0, 65_535)), host: v.optional(host) }),
  'echo:stop': payload({}),
  'clients:spawn': payload({
    count: wholeNumber('count', 1, MAX_CLIENTS),
    mode: oneOf('mode', ClientModeSchema.options),
  }),
  'signal:send': payload({
    target: v.union(
      [v.literal('app'), wholeNumber('target pid', 1, MAX_PID)],
      (issue) => `target pid must be a whole number from 1 to ${MAX_PID}, got ${got(issue)}`,
    ),
    signal,
  }),
  'signal:spawn-target': payload({ signal }),
  'alarm:arm': payload({ seconds: wholeNumber('seconds', 0, MAX_ALARM_SECONDS), repeat: flag('repeat') }),
  'alarm:cancel': payload({}),
  'script:run': payload({
    cwd: v.optional(cwd),
    argv,
    mode: oneOf('mode', RedirectModeSchema.options),
    shell: flag('shell'),
    unbuffered: flag('unbuffered'),
  }),
  'trace:run': payload({ cwd: v.optional(cwd), argv, shell: flag('shell') }),
  'trace:attach': payload({ pid: wholeNumber('pid', 1, MAX_PID) }),
  'trace:stop': payload({ traceId: wholeNumber('traceId', 1, Number.MAX_SAFE_INTEGER) }),
  'composer:send': v.pipe(
    payload({
      message: messageText,
      format: v.optional(oneOf('format', MessageFormatSchema.options)),
      target,
      connection: v.optional(connection),
      timeoutMs,
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const parsed = parseMessage(dataset.value.message, dataset.value.format ?? 'text');
      if (!parsed.ok) addIssue({ message: `message: ${parsed.error}` });
    }),
  ),
  'composer:open': payload({ target, timeoutMs }),
  'composer:close': payload({ connection }),
};

export type CommandName = keyof typeof CommandPayloadSchemas;
type Output<C extends CommandName> = v.InferOutput<(typeof CommandPayloadSchemas)[C]>;
/** A command's payload; one with no fields is `Record<string, never>`, which only `{}` fits. */
export type CommandPayload<C extends CommandName> = [keyof Output<C>] extends [never]
  ? Record<string, never>
  : Output<C>;

export const COMMAND_NAMES = Object.keys(CommandPayloadSchemas) as CommandName[];
export const CommandNameSchema = v.picklist(COMMAND_NAMES);

export function isCommandName(value: unknown): value is CommandName {
  return v.is(CommandNameSchema, value);
}
