import { EVENT_SYSCALLS, type Syscall } from '../../../contract/event-syscalls';
import type { LabEvent } from '../../../contract/events';

const THREAD_SPAWN: Syscall = {
  call: 'pthread_create()',
  text: 'A worker thread started inside one process: the threads share its pid and its memory.',
};

const UNKNOWN: Syscall = { call: '—', text: 'An event this version of IPC Scope does not explain.' };

/** The system call behind an event kind. */
export function syscallOf(kind: string): Syscall {
  return (EVENT_SYSCALLS as Record<string, Syscall>)[kind] ?? UNKNOWN;
}

/** The system call behind one event, with the variants that depend on its fields. */
export function explainEvent(event: LabEvent): Syscall {
  if (event.kind === 'client:spawn' && event.mode === 'thread') return THREAD_SPAWN;
  if (event.kind === 'signal:received' && event.source === 'alarm') {
    return {
      call: 'alarm(n) → SIGALRM',
      text: 'The alarm the app armed went off: the kernel delivered SIGALRM.',
    };
  }
  return syscallOf(event.kind);
}
