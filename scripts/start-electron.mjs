// `npm start`: opens the desktop window, or says clearly why it cannot and what to use instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FALLBACK = 'Use IPC Scope in your browser instead: npm run serve';
// The electron package's downloader (@electron/get) asks for this Node; the app itself runs on Electron's own.
const DOWNLOAD_NODE = [22, 12];

function giveUp(reason) {
  console.error(`\nIPC Scope cannot open its desktop window: ${reason}\n${FALLBACK}\n`);
  process.exit(1);
}

function downloaderNeedsNewerNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < DOWNLOAD_NODE[0] || (major === DOWNLOAD_NODE[0] && minor < DOWNLOAD_NODE[1]);
}

let electronBinary;
try {
  // The electron package downloads its binary on first use; offline, that throws.
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  const node = downloaderNeedsNewerNode()
    ? `; its downloader also asks for Node ${DOWNLOAD_NODE.join('.')} or newer, and this is Node ${process.versions.node}`
    : '';
  giveUp(
    `the Electron binary is not installed and could not be downloaded (is this machine offline?${node}).`,
  );
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  giveUp('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set).');
}

// Electron gets a process group of its own, so a terminal's Ctrl-C or hang-up reaches it once: from here.
// Its handler allows one graceful quit per signal, then restores the default action, so a second copy of
// the same signal would kill it mid-shutdown and orphan the lab's children.
const child = spawn(electronBinary, [root], { stdio: 'inherit', detached: process.platform !== 'win32' });
child.on('error', (error) => giveUp(`Electron failed to start (${error.message}).`));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (signal) console.error(`Electron exited on ${signal}.`);
  process.exit(code ?? 1);
});
