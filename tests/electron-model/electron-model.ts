// A test-only model of the parts of Electron's main-process API that main/ uses. Each behaviour names the
// file of electron/electron it follows; where that source and the docs differ, the source wins.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';

type Listener = (...args: unknown[]) => void;

/** What the model saw, for the test to read: every message sent to a page, every dialog shown. */
export const record = {
  sent: [] as { channel: string; payload: unknown }[],
  dialogs: [] as { kind: 'open' | 'message'; options: unknown }[],
  focused: 0,
  reloads: 0,
};

/** Answers the test queues for the next dialogs, in order. */
export const dialogAnswers = {
  open: [] as { canceled: boolean; filePaths: string[] }[],
  message: [] as { response: number; checkboxChecked: boolean }[],
};

// shell/browser/browser.cc: is_ready_, is_quitting_, is_exiting_, is_shutdown_.
const browser = { ready: false, quitting: false, exiting: false, shutdown: false, exitCode: 0 };

class Event {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// lib/browser/api/app.ts wraps the native App, an EventEmitter.
class App extends EventEmitter {
  private readyPromise: Promise<void>;
  private resolveReady!: () => void;
  name = 'IPC Scope';
  constructor() {
    super();
    this.readyPromise = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }
  isReady(): boolean {
    return browser.ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the model has no path '${name}'`);
    return process.env.IPC_SCOPE_MODEL_USER_DATA ?? path.join(os.tmpdir(), 'ipc-scope-model');
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  /** shell/browser/browser.cc Browser::Quit: before-quit may cancel; otherwise close every window. */
  quit(): void {
    if (browser.quitting) return;
    const event = new Event();
    this.emit('before-quit', event);
    browser.quitting = !event.defaultPrevented;
    if (!browser.quitting) return;
    if (windows.size === 0) notifyAndShutdown();
    else for (const window of [...windows]) window.close();
  }
  /**
   * shell/browser/browser.cc Browser::Exit: before the message loop runs (SetExitCode fails), exit(code) at
   * once; after, destroy every window without 'close' and shut down.
   */
  exit(code = 0): void {
    if (!browser.ready) {
      process.exit(code);
    }
    browser.exitCode = code;
    browser.quitting = true;
    browser.exiting = true;
    if (windows.size === 0) shutdown();
    else for (const window of [...windows]) window.destroy();
  }
  /** shell/browser/electron_browser_main_parts.cc PreMainMessageLoopRun: will-finish-launching, then ready. */
  fireReady(): void {
    this.emit('will-finish-launching');
    browser.ready = true;
    this.resolveReady();
    this.emit('ready', new Event(), {});
  }
}

export const app = new App();

// shell/browser/browser.cc NotifyAndShutdown: will-quit may cancel the quit.
function notifyAndShutdown(): void {
  if (browser.shutdown) return;
  const event = new Event();
  app.emit('will-quit', event);
  if (event.defaultPrevented) {
    browser.quitting = false;
    return;
  }
  shutdown();
}

// shell/browser/browser.cc Shutdown: 'quit', then the message loop ends (RunQuitClosure runs the pending tasks first).
function shutdown(): void {
  if (browser.shutdown) return;
  browser.shutdown = true;
  browser.quitting = true;
  app.emit('quit', new Event(), browser.exitCode);
  setImmediate(() => process.exit(browser.exitCode));
}

// shell/browser/browser.cc OnWindowAllClosed.
function onWindowAllClosed(): void {
  if (browser.exiting) shutdown();
  else if (browser.quitting) notifyAndShutdown();
  else app.emit('window-all-closed');
}

function requireReady(what: string): void {
  // shell/browser/api/electron_api_session.cc FromPartition and lib/browser/api/screen.ts refuse before ready.
  if (!browser.ready) throw new Error(`${what} can only be used when app is ready`);
}

/** shell/browser/api/electron_api_web_frame_main.cc: args cross as V8 serialized values, or the send throws. */
function serialize(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    throw new Error('Failed to serialize arguments');
  }
}

export class WebFrameMain {
  constructor(
    public url: string,
    public readonly parent: WebFrameMain | null,
  ) {}
  get top(): WebFrameMain {
    return this.parent ? this.parent.top : this;
  }
  get origin(): string {
    return /^[a-z]+:\/\/[^/]+/.exec(this.url)?.[0] ?? 'null';
  }
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: never[]) => unknown;

// lib/browser/ipc-main-impl.ts
class IpcMainImpl extends EventEmitter {
  readonly invokeHandlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.invokeHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    if (typeof handler !== 'function') {
      throw new Error(`Expected handler to be a function, but found type '${typeof handler}'`);
    }
    this.invokeHandlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.invokeHandlers.delete(channel);
  }
}

export const ipcMain = new IpcMainImpl();

let nextWebContentsId = 1;

export class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new WebFrameMain('', null);
  private destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** lib/browser/api/web-contents.ts: send goes through the main frame, which serializes the args. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    record.sent.push({ channel, payload: serialize(args[0]) });
  }
  reload(): void {
    record.reloads += 1;
  }
  /** lib/browser/api/web-contents.ts: kept and asked at each window.open; the model opens none. */
  windowOpenHandler: unknown = null;
  setWindowOpenHandler(handler: unknown): void {
    this.windowOpenHandler = handler;
  }
  /**
   * lib/browser/api/web-contents.ts '-ipc-invoke': the handler of the channel answers with its result, or the
   * page's promise rejects with the error's text; there is no handler: "No handler registered for '…'".
   */
  async invoke(frame: WebFrameMain | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const event = {
      sender: this,
      senderFrame: frame,
      processId: 1,
      frameId: 1,
    } as unknown as IpcMainInvokeEvent;
    const handler = ipcMain.invokeHandlers.get(channel);
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      );
    try {
      return serialize(await handler(event, ...(serialize(args) as never[])));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  }
  /** Loads a page as Chromium would from the app's scheme: through the handler protocol.handle registered. */
  async loadURL(url: string): Promise<void> {
    const scheme = url.split(':')[0] ?? '';
    const handler = protocolHandlers.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    const response = await handler(new Request(url));
    if (!response.ok) throw new Error(`ERR_FAILED (-2) loading '${url}': ${response.status}`);
    this.mainFrame.url = url;
    this.emit('did-finish-load');
  }
}

const windows = new Set<BrowserWindow>();

// lib/browser/api/browser-window.ts over shell/browser/native_window.cc.
export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  private destroyed = false;
  private minimized = false;
  private maximized = false;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    requireReady('BrowserWindow');
    windows.add(this);
    app.emit('web-contents-created', new Event(), this.webContents);
  }
  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** native_window.cc: 'close' may be prevented; then the window is destroyed and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    const event = new Event();
    this.emit('close', event);
    if (event.defaultPrevented) {
      browser.quitting = false; // browser.cc OnWindowCloseCancelled
      return;
    }
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0) onWindowAllClosed();
  }
  show(): void {}
  focus(): void {
    record.focused += 1;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return {
      x: 0,
      y: 0,
      width: Number(this.options.width ?? 800),
      height: Number(this.options.height ?? 600),
    };
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();
const privilegedSchemes: unknown[] = [];

// lib/browser/api/protocol.ts and shell/browser/api/electron_api_protocol.cc.
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (browser.ready) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    privilegedSchemes.push(...schemes);
  },
  /** Through session.defaultSession, so only once ready; a scheme registered twice fails. */
  handle(scheme: string, handler: ProtocolHandler): void {
    requireReady('Session');
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
};

type RequestHandler = (
  contents: WebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: object,
) => void;
type CheckHandler = (
  contents: WebContents | null,
  permission: string,
  origin: string,
  details: object,
) => boolean;

// shell/browser/electron_permission_manager.cc: with no handler, every permission is granted.
const permissions = {
  request: null as RequestHandler | null,
  check: null as CheckHandler | null,
};

export const session = {
  get defaultSession() {
    requireReady('Session');
    return {
      setPermissionRequestHandler(handler: RequestHandler | null) {
        permissions.request = handler;
      },
      setPermissionCheckHandler(handler: CheckHandler | null) {
        permissions.check = handler;
      },
    };
  },
};

/** What Chromium asks the session when a page requests or checks a permission. */
export const permissionQueries = {
  request(permission: string, requestingUrl: string, isMainFrame: boolean): Promise<boolean> {
    const handler = permissions.request;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve, { requestingUrl, isMainFrame }));
  },
  check(permission: string, requestingOrigin: string, isMainFrame: boolean): boolean {
    return permissions.check ? permissions.check(null, permission, requestingOrigin, { isMainFrame }) : true;
  },
};

// lib/browser/api/dialog.ts: (window, options) or (options); both answer with a promise.
export const dialog = {
  showOpenDialog(_window: unknown, options: unknown) {
    record.dialogs.push({ kind: 'open', options });
    return Promise.resolve(dialogAnswers.open.shift() ?? { canceled: true, filePaths: [] });
  },
  showMessageBox(_window: unknown, options: unknown) {
    record.dialogs.push({ kind: 'message', options });
    return Promise.resolve(dialogAnswers.message.shift() ?? { response: 0, checkboxChecked: false });
  },
};

export const screen = {
  getAllDisplays() {
    requireReady("The 'screen' module");
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  },
};

export interface ModelMenuItem {
  label: string;
  role?: string;
  accelerator?: string;
  click?: (item: ModelMenuItem, window: BrowserWindow | undefined, event: object) => void;
  submenu?: ModelMenuItem[];
}

interface TemplateItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: ModelMenuItem['click'];
  submenu?: TemplateItem[];
}

const isMac = process.platform === 'darwin';
const isWindows = process.platform === 'win32';

// lib/browser/api/menu-item-roles.ts: the default label, accelerator and submenu of each role the app uses.
const ROLES: Record<string, { label: string; accelerator?: string; submenu?: TemplateItem[] }> = {
  about: { label: 'About' },
  close: { label: isMac ? 'Close Window' : 'Close', accelerator: 'CommandOrControl+W' },
  copy: { label: 'Copy', accelerator: 'CommandOrControl+C' },
  cut: { label: 'Cut', accelerator: 'CommandOrControl+X' },
  delete: { label: 'Delete' },
  forcereload: { label: 'Force Reload', accelerator: 'Shift+CmdOrCtrl+R' },
  front: { label: 'Bring All to Front' },
  hide: { label: 'Hide', accelerator: 'Command+H' },
  hideothers: { label: 'Hide Others', accelerator: 'Command+Alt+H' },
  minimize: { label: 'Minimize', accelerator: 'CommandOrControl+M' },
  paste: { label: 'Paste', accelerator: 'CommandOrControl+V' },
  pasteandmatchstyle: {
    label: 'Paste and Match Style',
    accelerator: isMac ? 'Cmd+Option+Shift+V' : 'Shift+CommandOrControl+V',
  },
  quit: { label: 'Quit', accelerator: isWindows ? undefined : 'CommandOrControl+Q' },
  redo: { label: 'Redo', accelerator: isWindows ? 'Control+Y' : 'Shift+CommandOrControl+Z' },
  reload: { label: 'Reload', accelerator: 'CmdOrCtrl+R' },
  resetzoom: { label: 'Actual Size', accelerator: 'CommandOrControl+0' },
  selectall: { label: 'Select All', accelerator: 'CommandOrControl+A' },
  services: { label: 'Services' },
  toggledevtools: { label: 'Toggle Developer Tools', accelerator: isMac ? 'Alt+Command+I' : 'Ctrl+Shift+I' },
  togglefullscreen: { label: 'Toggle Full Screen', accelerator: isMac ? 'Control+Command+F' : 'F11' },
  undo: { label: 'Undo', accelerator: 'CommandOrControl+Z' },
  unhide: { label: 'Show All' },
  zoom: { label: 'Zoom' },
  zoomin: { label: 'Zoom In', accelerator: 'CommandOrControl+Plus' },
  zoomout: { label: 'Zoom Out', accelerator: 'CommandOrControl+-' },
  appmenu: {
    label: 'IPC Scope',
    submenu: [
      { role: 'about' },
      { role: 'services' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { role: 'quit' },
    ],
  },
  editmenu: {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' }] : []),
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  },
  viewmenu: {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
    ],
  },
  windowmenu: {
    label: 'Window',
    submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(isMac ? [{ role: 'front' }] : [{ role: 'close' }])],
  },
};

// lib/browser/api/menu-item.ts: role names are matched in lower case; the role supplies what the item lacks.
function buildItem(template: TemplateItem): ModelMenuItem | null {
  if (template.type === 'separator') return null;
  const role = template.role?.toLowerCase();
  const defaults = role ? ROLES[role] : undefined;
  if (role && !defaults) throw new Error(`the model does not know the menu role '${template.role}'`);
  const submenu = template.submenu ?? defaults?.submenu;
  return {
    label: template.label ?? defaults?.label ?? '',
    role,
    accelerator: template.accelerator ?? defaults?.accelerator,
    click: template.click,
    submenu: submenu ? buildItems(submenu) : undefined,
  };
}

function buildItems(template: TemplateItem[]): ModelMenuItem[] {
  return template.map(buildItem).filter((item): item is ModelMenuItem => item !== null);
}

let applicationMenu: { items: ModelMenuItem[] } | null = null;

// lib/browser/api/menu.ts
export const Menu = {
  buildFromTemplate(template: TemplateItem[]) {
    return { items: buildItems(template) };
  },
  setApplicationMenu(menu: { items: ModelMenuItem[] } | null) {
    applicationMenu = menu;
  },
  getApplicationMenu() {
    return applicationMenu;
  },
};

/**
 * shell/browser/electron_browser_main_parts_posix.cc: SIGINT, SIGTERM and SIGHUP each get one graceful quit
 * (Browser::Quit), then their default action again. Installed in PostCreateMainMessageLoop, after the main
 * script ran and before ready.
 */
export function installShutdownSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => app.quit());
  }
}

export type { Listener };
