// `npm run dev`: the lab's web host behind Vite's dev server, so an edit to the renderer shows in the open page
// at once (hot reload) while the page talks to a real lab through Vite's /ws proxy.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.resolve(root, process.env.IPC_SCOPE_OUT ?? 'out');
const passOn = process.argv.slice(2); // e.g. --echo-port 0: the web host's own flags

/** Starts the built web host and resolves with its UI URL, once printed. */
function startLab() {
  const lab = spawn(process.execPath, [path.join(out, 'web/serve.mjs'), '--ui-port', '0', ...passOn], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: lab.stdout });
  const ready = new Promise((resolve, reject) => {
    lab.once('exit', (code) => reject(new Error(`the lab's web host exited (${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('ui: ')) resolve(new URL(line.slice(4)));
      else if (!line.startsWith('Open the ui URL')) console.log(`lab ${line}`);
    });
  });
  return { lab, ready };
}

const { lab, ready } = startLab();
let labUrl;
try {
  labUrl = await ready;
} catch (error) {
  console.error(`ipc-scope dev: ${error.message}`);
  process.exit(1);
}
const vite = await createServer({
  configFile: path.join(root, 'vite.config.ts'),
  server: {
    host: '127.0.0.1',
    proxy: {
      // The web host checks Host and Origin against itself (DNS rebinding, cross-site hijacking): the proxy
      // speaks as its own origin, and the token travels in the URL as with `npm run serve`.
      '/ws': {
        target: `ws://${labUrl.host}`,
        ws: true,
        changeOrigin: true,
        headers: { origin: labUrl.origin },
      },
    },
  },
});
await vite.listen();
const page = new URL(vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/');
page.search = labUrl.search;
console.log(`dev: ${page.href}`);
console.log('Open the dev URL: edits to renderer/ show at once. Ctrl-C stops Vite and the lab.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await vite.close();
  lab.kill('SIGINT');
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
lab.on('exit', (code) => {
  if (!stopping) {
    console.error(`ipc-scope dev: the lab's web host exited (${code})`);
    void vite.close();
  }
  process.exit(code ?? 0);
});
