// A process that waits for one signal and reports each delivery, like the classic signal1.py.
import os from 'node:os';

const name = process.argv.at(-1) ?? '';
const number = (os.constants.signals as Record<string, number | undefined>)[name];

if (!/^SIG[A-Z0-9]+$/.test(name) || number === undefined) {
  console.error(`signal-target: no such signal on this OS: ${JSON.stringify(name)}`);
  process.exit(2);
}

const signal = name as NodeJS.Signals;

process.on(signal, () => {
  console.log(`Got signal ${number} (${signal}) at ${new Date().toISOString()}`);
});
// Quit cleanly when the lab shuts down, unless SIGTERM is the very signal being watched.
if (signal !== 'SIGTERM') process.on('SIGTERM', () => process.exit(0));

// Keeps the event loop alive with no work, as signal.pause() would.
setInterval(() => {}, 1 << 30);

// Only now can a signal be sent without killing us: the lab waits for this line.
console.log(`ready ${process.pid}`);
