// Runs the built main process under the Electron model, in a process of its own, driven over Node's IPC.
import Module, { createRequire } from 'node:module';
import * as electron from './electron-model';

export type HarnessRequest =
  | { op: 'ready' }
  | { op: 'page' }
  | { op: 'invoke'; frame: 'main' | 'sub' | 'foreign' | 'gone'; channel: string; args: unknown[] }
  | { op: 'record' }
  | { op: 'menu' }
  | { op: 'click'; path: string[] }
  | { op: 'answer-dialogs'; open?: { canceled: boolean; filePaths: string[] }[]; message?: number[] }
  | { op: 'permission'; kind: 'check' | 'request'; permission: string; url: string; isMainFrame: boolean }
  | { op: 'render-process-gone'; reason: string }
  | { op: 'second-instance' }
  | { op: 'quit' };

export type HarnessReply = { id: number; value?: unknown; error?: string };

const mainScript = process.argv[2];
if (!mainScript) throw new Error('usage: harness <built main>');

// lib/common/init.ts hands every `require('electron')` of the main process Electron's API: here, the model's.
type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Load };
const load = moduleInternals._load;
moduleInternals._load = function (request, parent, isMain) {
  if (request === 'electron' || request === 'electron/main') return electron;
  return load.call(this, request, parent, isMain);
};

createRequire(mainScript)(mainScript);
electron.installShutdownSignalHandlers();

function firstWindow(): electron.BrowserWindow {
  const [window] = electron.BrowserWindow.getAllWindows();
  if (!window) throw new Error('no window is open');
  return window;
}

function frameFor(kind: 'main' | 'sub' | 'foreign' | 'gone'): electron.WebFrameMain | null {
  const main = firstWindow().webContents.mainFrame;
  if (kind === 'main') return main;
  if (kind === 'sub') return new electron.WebFrameMain(main.url, main);
  if (kind === 'foreign') return new electron.WebFrameMain('https://example.com/', null);
  return null;
}

function flatten(
  items: electron.ModelMenuItem[],
  trail: string[] = [],
): { path: string[]; accelerator?: string }[] {
  return items.flatMap((item) => [
    { path: [...trail, item.label], accelerator: item.accelerator },
    ...flatten(item.submenu ?? [], [...trail, item.label]),
  ]);
}

async function serve(request: HarnessRequest): Promise<unknown> {
  switch (request.op) {
    case 'ready':
      electron.app.fireReady();
      await new Promise((resolve) => setImmediate(resolve));
      return electron.BrowserWindow.getAllWindows().length;
    case 'page':
      return firstWindow().webContents.mainFrame.url;
    case 'invoke':
      return firstWindow().webContents.invoke(frameFor(request.frame), request.channel, ...request.args);
    case 'record':
      return electron.record;
    case 'menu':
      return flatten(electron.Menu.getApplicationMenu()?.items ?? []);
    case 'click': {
      let items = electron.Menu.getApplicationMenu()?.items ?? [];
      let found: electron.ModelMenuItem | undefined;
      for (const label of request.path) {
        found = items.find((item) => item.label === label);
        items = found?.submenu ?? [];
      }
      if (!found?.click) throw new Error(`no menu item ${request.path.join(' ▸ ')} with a click`);
      found.click(found, firstWindow(), {});
      return null;
    }
    case 'answer-dialogs':
      electron.dialogAnswers.open.push(...(request.open ?? []));
      electron.dialogAnswers.message.push(
        ...(request.message ?? []).map((response) => ({ response, checkboxChecked: false })),
      );
      return null;
    case 'permission':
      return request.kind === 'check'
        ? electron.permissionQueries.check(request.permission, request.url, request.isMainFrame)
        : electron.permissionQueries.request(request.permission, request.url, request.isMainFrame);
    case 'render-process-gone':
      firstWindow().webContents.emit('render-process-gone', {}, { reason: request.reason, exitCode: 139 });
      return null;
    case 'second-instance':
      electron.app.emit('second-instance', {}, [], process.cwd(), {});
      return null;
    case 'quit':
      electron.app.quit();
      return null;
  }
}

process.on('message', (message: { id: number } & HarnessRequest) => {
  serve(message).then(
    (value) => process.send?.({ id: message.id, value } satisfies HarnessReply),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) } satisfies HarnessReply),
  );
});
process.send?.({ id: 0, value: 'loaded' } satisfies HarnessReply);
