import * as v from 'valibot';
import { CommandPayloadSchemas, isCommandName } from './command-payloads';
import type { CommandName, CommandPayload } from './commands';

export { MAX_ALARM_SECONDS, MAX_ARG_LENGTH, MAX_ARGV_ITEMS, MAX_CLIENTS } from './command-payloads';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A command whose name and payload have both been checked. */
export type ValidCommand = { [C in CommandName]: { name: C; payload: CommandPayload<C> } }[CommandName];

const FIRST_ISSUE = { abortEarly: true } as const;

/** Checks a command from across a process boundary: its name and every field of its payload. */
export function validateCommand(name: unknown, payload: unknown): Checked<ValidCommand> {
  if (!isCommandName(name)) return { ok: false, error: `unknown command ${JSON.stringify(name)}` };
  const checked = v.safeParse(CommandPayloadSchemas[name] as v.GenericSchema, payload, FIRST_ISSUE);
  if (!checked.success) return { ok: false, error: `${name}: ${checked.issues[0].message}` };
  return { ok: true, value: { name, payload: checked.output } as ValidCommand };
}
