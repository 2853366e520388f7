import * as v from 'valibot';

/** Signals the lab knows. Numbers differ per OS, so the engine reports them at runtime. */
export const SIGNAL_NAMES = [
  'SIGUSR1',
  'SIGUSR2',
  'SIGALRM',
  'SIGWINCH',
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGTERM',
  'SIGKILL',
  'SIGSTOP',
  'SIGCONT',
] as const;

export const SignalNameSchema = v.picklist(SIGNAL_NAMES);
export type SignalName = v.InferOutput<typeof SignalNameSchema>;

/** Signals the host handles and records; firing them at the app is safe. */
export const APP_HANDLED_SIGNALS = ['SIGUSR1', 'SIGUSR2', 'SIGALRM', 'SIGWINCH'] as const;
export type AppHandledSignal = (typeof APP_HANDLED_SIGNALS)[number];

/** Signals a handler can install on: the signal target may listen for these. */
export const CATCHABLE_SIGNALS = [
  'SIGUSR1',
  'SIGUSR2',
  'SIGALRM',
  'SIGWINCH',
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGTERM',
] as const;

/** What each uncatchable or quitting signal does, shown before it is sent. */
export const SIGNAL_EFFECTS: Partial<Record<SignalName, string>> = {
  SIGKILL: 'cannot be caught: the process is killed at once',
  SIGSTOP: 'cannot be caught: the process is frozen until SIGCONT',
  SIGCONT: 'resumes a stopped process',
  SIGHUP: 'quits a process that has no handler for it',
  SIGINT: 'quits a process that has no handler for it (Ctrl-C)',
  SIGQUIT: 'quits a process that has no handler for it',
  SIGTERM: 'asks a process to quit',
};

export function isAppHandledSignal(value: string): value is AppHandledSignal {
  return (APP_HANDLED_SIGNALS as readonly string[]).includes(value);
}

export function isCatchableSignal(value: string): boolean {
  return (CATCHABLE_SIGNALS as readonly string[]).includes(value);
}

/** `SIGUSR2 (12)`: the label the UI and the tests use. */
export function signalLabel(name: string, number: number): string {
  return `${name} (${number})`;
}
