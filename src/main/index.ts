// The desktop shell: the Electron app around the core — one hardened window, a minimal menu and
// the IPC transport. Only this file, transport/ipc.ts and shell/ import electron.
import { app, BrowserWindow, Menu, dialog, session, shell, type MenuItemConstructorOptions } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore, type Core } from './core';
import { attachIpc } from './transport/ipc';
import { electronOsPrinter } from './shell/os-printer';
import { isSafeExternalUrl, isTrustedRendererUrl, type TrustedOrigins } from './transport/ipc-guard';

const TITLE = 'FAMS 固定资产管理系统';
const here = dirname(fileURLToPath(import.meta.url));
const trusted: TrustedOrigins = {
  rendererDir: join(here, '../renderer'),
  devUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};

// Same policy as the renderer's meta tag; also sent as a header so the dev server gets it too.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  trusted.devUrl ? `connect-src 'self' ws://${new URL(trusted.devUrl).host}` : "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Permissions the app itself needs; every other request (camera, geolocation, HID, ...) is refused.
// Devices are reached by the core, never by the page.
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

// Every renderer sandboxed, whatever a future window's options say.
app.enableSandbox();

let core: Core | null = null;
let win: BrowserWindow | null = null;

function dataDir(): string {
  return process.env.FAMS_DATA_DIR ?? join(app.getPath('userData'), 'data');
}

function hardenSession() {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  ses.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
  ses.setDevicePermissionHandler(() => false);
}

// Applies to every webContents ever created, so nothing can open a window or navigate away.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url, trusted)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function buildMenu() {
  const dev = !app.isPackaged;
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    { role: 'editMenu', label: '编辑' },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新加载' },
        ...(dev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(c: Core) {
  const w = new BrowserWindow({
    title: TITLE,
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const detach = attachIpc(c, w, trusted);
  w.on('closed', () => {
    detach();
    win = null;
  });
  // The page's <title> must not replace the product name in the title bar.
  w.on('page-title-updated', (event) => event.preventDefault());
  w.once('ready-to-show', () => w.show());
  if (trusted.devUrl) void w.loadURL(trusted.devUrl);
  else void w.loadFile(join(trusted.rendererDir, 'index.html'));
  // Label PDFs reach OS printers through shell/os-printer.ts (hidden windows, not this one).
  return w;
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database; hand over to the first one instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(() => {
    try {
      core = startCore({ dataDir: dataDir(), osPrinter: electronOsPrinter() });
    } catch (err) {
      dialog.showErrorBox(
        TITLE,
        `FAMS could not open its data folder ${dataDir()}:\n${err instanceof Error ? err.message : String(err)}`,
      );
      app.exit(1);
      return;
    }
    hardenSession();
    buildMenu();
    win = createWindow(core);
    app.on('activate', () => {
      if (!win && core) win = createWindow(core);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    // Close the database cleanly (jobs cancelled, WAL checkpointed) before the process ends.
    event.preventDefault();
    closing = true;
    void core.close().finally(() => {
      core = null;
      app.exit(0);
    });
  });
}
