// `npm start`: opens the desktop window, or says clearly why it cannot and what to use instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FALLBACK = 'Use IPC Scope in your browser instead: npm run serve';

function giveUp(reason) {
  console.error(`\nIPC Scope cannot open its desktop window: ${reason}\n${FALLBACK}\n`);
  process.exit(1);
}

let electronBinary;
try {
  // The electron package downloads its binary on first use; offline, that throws.
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  giveUp('the Electron binary is not installed and could not be downloaded (is this machine offline?).');
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  giveUp('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set).');
}

const child = spawn(electronBinary, [root], { stdio: 'inherit' });
child.on('error', (error) => giveUp(`Electron failed to start (${error.message}).`));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (signal) console.error(`Electron exited on ${signal}.`);
  process.exit(code ?? 1);
});
