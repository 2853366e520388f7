import type { LabEventKind } from './events';

/** The system call behind an event, and what it did, in one line: this is a teaching tool. */
export interface Syscall {
  /** The call as a C programmer would write it, e.g. `accept()`. */
  call: string;
  text: string;
}

/** Each kind's system call, part of what the kind means: a new kind says here what the lab did. */
export const EVENT_SYSCALLS = {
  'server:listening': {
    call: 'socket() · bind() · listen()',
    text: 'The server made a socket, bound it to the address and port, and marked it listening; accept() now waits on it.',
  },
  'server:stopped': {
    call: 'close()',
    text: 'The listening socket was closed: the kernel now answers new connections with a reset (connection refused).',
  },
  'server:error': {
    call: 'bind() / listen()',
    text: 'Binding failed with an errno, e.g. EADDRINUSE when another socket already holds the port.',
  },
  'conn:open': {
    call: 'accept()',
    text: 'The kernel finished the TCP handshake and accept() handed the server a new socket (file descriptor) for this client.',
  },
  'conn:data': {
    call: 'recv(1024)',
    text: 'recv() returned the first chunk: up to 1024 bytes the kernel had buffered for this socket, however the client split its writes.',
  },
  'conn:extra': {
    call: 'recv()',
    text: 'A later recv() returned more bytes; the classic server only answers the first chunk, so these are recorded and ignored.',
  },
  'conn:reply': {
    call: 'send()',
    text: "send() copied the reply into the socket's send buffer; TCP carries it to the client, which reads it with recv().",
  },
  'conn:close': {
    call: 'close()',
    text: 'The connection ended: one side called close() (the other sees recv() return 0 bytes) and the descriptor was released.',
  },
  'conn:error': {
    call: 'recv() / send() → errno',
    text: 'A socket call failed with an errno, e.g. ECONNRESET when the peer reset the connection instead of closing it.',
  },
  'conn:refused': {
    call: 'accept() · close()',
    text: 'The server accepted the connection and closed it at once: it was already at its connection limit.',
  },
  'conn:peer': {
    call: '/proc/net/tcp · /proc/<pid>/fd',
    text: 'The kernel lists every socket with its inode; finding that inode among a process’s open files names the process at the other end.',
  },
  'conn:identified': {
    call: 'recv()',
    text: 'What the client sent named it (its pid or thread number), tying this socket to the process that opened it.',
  },
  'conn:composer': {
    call: 'getsockname() · getpeername()',
    text: "The accepted socket's peer port is the composer's own local port: this connection is the lab's composer, not an outsider.",
  },
  'composer:open': {
    call: 'socket() · connect()',
    text: 'The composer made a socket and connect() finished the TCP handshake; the kernel picked its local port.',
  },
  'composer:sent': {
    call: 'send()',
    text: "send() copied the composed bytes into the socket's send buffer; the server sees them at its next recv().",
  },
  'composer:received': {
    call: 'recv()',
    text: 'recv() returned what had arrived so far; TCP keeps no message boundaries, so one reply may come in pieces.',
  },
  'composer:error': {
    call: 'recv() / connect()',
    text: 'The call failed: ECONNRESET when the peer reset the connection, or no reply came within the timeout.',
  },
  'composer:closed': {
    call: 'close()',
    text: 'The connection ended; whoever closed first sent the FIN (or the reset), the other side read end of file.',
  },
  'run:start': {
    call: 'fork() · exec() × N',
    text: 'The lab starts N clients at once; the scheduler decides who runs first, so every run can order differently.',
  },
  'run:end': {
    call: 'waitpid() × N',
    text: 'Every client has been reaped; the run’s accept, reply and exit orders are final.',
  },
  'client:spawn': {
    call: 'fork() · exec()',
    text: 'A new process (or thread) started; its pid is what kill() and waitpid() use to name it.',
  },
  'client:output': {
    call: 'write(1, …) → read()',
    text: 'The client wrote to its stdout, a pipe the lab reads from with read().',
  },
  'client:exit': {
    call: 'exit() → waitpid()',
    text: 'The client ended and waitpid() collected its status: an exit code, or the signal that killed it.',
  },
  'signal:received': {
    call: 'kill(pid, sig) → handler',
    text: 'Some process called kill(); the kernel interrupted the app and ran the handler installed with sigaction().',
  },
  'signal:sent': {
    call: 'kill(pid, sig)',
    text: 'The app asked the kernel to deliver a signal to a process; kill() returns before the handler runs.',
  },
  'child:state': {
    call: 'kill(SIGSTOP / SIGCONT) → waitpid(WUNTRACED)',
    text: 'SIGSTOP froze the child or SIGCONT resumed it; waitpid() with WUNTRACED / WCONTINUED reports the change.',
  },
  'target:spawn': {
    call: 'fork() · exec() · signal()',
    text: 'A child started and installed a handler with signal.signal(), so the signal no longer takes its default action.',
  },
  'target:signal': {
    call: 'kill(pid, sig) → handler',
    text: "The kernel delivered the signal to the child, which ran its handler instead of the signal's default action.",
  },
  'target:exit': {
    call: 'exit() → waitpid()',
    text: 'The signal target ended and waitpid() collected its status.',
  },
  'alarm:armed': {
    call: 'alarm(n)',
    text: 'alarm(n) asked the kernel for one SIGALRM in n seconds; it returns the seconds the previous alarm still had left.',
  },
  'alarm:cancelled': {
    call: 'alarm(0)',
    text: 'alarm(0) cancelled the pending alarm and returned the seconds it had left.',
  },
  'alarm:fired': {
    call: 'SIGALRM',
    text: "The kernel's timer expired and it delivered SIGALRM to the process.",
  },
  'script:start': {
    call: 'pipe() / socket() · dup2() · exec()',
    text: 'The script started with its stdout (fd 1) replaced, through dup2(), by a pipe or a connected socket the lab reads.',
  },
  'script:output': {
    call: 'write(1, …) → read() / recv()',
    text: 'The script wrote to fd 1; the bytes came out of the pipe or socket on the lab’s side.',
  },
  'script:dropped': {
    call: 'read()',
    text: 'The lab kept reading so the script never blocks on a full pipe, but counted these bytes instead of keeping them.',
  },
  'script:exit': {
    call: 'exit() → waitpid()',
    text: 'The script ended and waitpid() collected its exit code, or the signal that ended it.',
  },
  'script:error': {
    call: 'execve() → errno',
    text: 'The command could not start, e.g. ENOENT when no such program is on the PATH.',
  },
  'trace:start': {
    call: 'ptrace(PTRACE_SEIZE)',
    text: 'strace started the program (or attached to a running one) under ptrace: the kernel now stops it at each traced system call so strace can print it.',
  },
  'trace:process': {
    call: 'clone() / fork() / execve()',
    text: 'A traced process or thread came into view: clone() made a thread (same pid, new tid) or a process, or execve() replaced its program.',
  },
  'trace:call': {
    call: 'ptrace(PTRACE_SYSCALL)',
    text: 'The traced program made a system call: strace saw its arguments on the way in and its result on the way out, with the bytes it moved.',
  },
  'trace:port-held': {
    call: 'bind() → EADDRINUSE',
    text: "The traced program asked for a port that the lab's own echo server already holds, and one port has one listener: move or stop the lab's server, then trace again.",
  },
  'trace:signal': {
    call: 'kill() → delivery',
    text: "The kernel delivered a signal to a traced thread; si_pid names the process that called kill(), and none is named for the kernel's own (SIGALRM).",
  },
  'trace:exit': {
    call: 'exit_group() / a fatal signal',
    text: 'A traced process or thread ended, with an exit code or killed by a signal.',
  },
  'trace:unparsed': {
    call: '—',
    text: "A line of strace's output the lab could not read; it is kept as it came, and counted.",
  },
  'trace:output': {
    call: 'write(1, …) → read()',
    text: "The traced program wrote to its stdout or stderr, pipes the lab reads; strace's own messages are taken out of stderr.",
  },
  'trace:output-dropped': {
    call: 'read()',
    text: 'The lab kept reading so the traced program never blocks on a full pipe, but counted these bytes instead of keeping them.',
  },
  'trace:dropped': {
    call: '—',
    text: 'The trace made more events than the lab keeps for one trace; the rest were counted, not kept.',
  },
  'trace:end': {
    call: 'waitpid() / ptrace(PTRACE_DETACH)',
    text: 'Tracing ended: the program exited, or strace detached and let an attached program run on untraced, or the lab ended a program it had started.',
  },
  'trace:error': {
    call: 'execve() / ptrace() → errno',
    text: 'Tracing could not start: strace is missing, the kernel refused ptrace (EPERM), or no such process exists (ESRCH).',
  },
  'log:evicted': {
    call: '—',
    text: 'The lab keeps a bounded history; the oldest events were let go and counted.',
  },
} satisfies Record<LabEventKind, Syscall>;
