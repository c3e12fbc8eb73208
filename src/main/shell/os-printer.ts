// The desktop shell's OS printing: a label PDF goes to a system printer through a hidden window that
// shows it in Chromium's PDF viewer and prints it silently. Imports electron, so only the Electron
// entry (index.ts) may import this file; the core gets it as an OsPrinterService.
import { BrowserWindow } from 'electron';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OsPrinterInfo, OsPrinterService } from '../devices/printer/os-printer';

/** Its own in-memory session: the app's CSP and permission rules on the default session stay as they are. */
const PARTITION = 'fams-os-print';
/** How long a PDF may take to load before printing is given up. */
const LOAD_TIMEOUT_MS = 20_000;
/**
 * Chromium's PDF viewer keeps rendering after 'did-finish-load'; printing straight away gave blank pages
 * in older Electron (electron#30947, fixed for PDF documents by electron#43309). Electron emits the
 * internal '-pdf-ready-to-print' when the viewer is ready; this pause is the fallback.
 */
const SETTLE_MS = 1500;

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 800,
    height: 1000,
    webPreferences: {
      partition: PARTITION,
      // The PDF viewer is a plugin; nothing else in this window runs page scripts of ours.
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
}

function loadPdf(win: BrowserWindow, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error('the PDF did not load')), LOAD_TIMEOUT_MS);
    // Not in Electron's typings: emitted by its PDF viewer integration when printing will work.
    (win.webContents as unknown as NodeJS.EventEmitter).once('-pdf-ready-to-print', () => finish());
    win.webContents.once('did-finish-load', () => setTimeout(() => finish(), SETTLE_MS));
    win.webContents.once('did-fail-load', (_e, code, desc) => finish(new Error(`${desc} (${code})`)));
    void win.loadFile(file).catch((err: Error) => finish(err));
  });
}

/** Electron's PrinterInfo has no isDefault any more; CUPS and Windows put it among the options. */
function isDefaultPrinter(options: Record<string, string> | undefined): boolean {
  const v = options?.['printer-is-default'] ?? options?.['is-default'] ?? options?.isDefault;
  return v === 'true' || v === '1';
}

export function electronOsPrinter(): OsPrinterService {
  return {
    async list(): Promise<OsPrinterInfo[]> {
      const win = hiddenWindow();
      try {
        const printers = await win.webContents.getPrintersAsync();
        return printers.map((p) => ({
          name: p.name,
          isDefault: isDefaultPrinter(p.options as Record<string, string> | undefined),
        }));
      } finally {
        win.destroy();
      }
    },

    async printPdf(pdf: Buffer, printerName: string | null, copies: number): Promise<void> {
      const file = join(tmpdir(), `fams-labels-${randomUUID()}.pdf`);
      await writeFile(file, pdf);
      const win = hiddenWindow();
      try {
        await loadPdf(win, file);
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: true,
              deviceName: printerName ?? '',
              copies: Math.max(1, copies),
              printBackground: true,
              // The PDF's pages are already label- or sheet-sized: no margins, no scaling headers.
              margins: { marginType: 'none' },
            },
            (ok, reason) => (ok ? resolve() : reject(new Error(reason || 'print failed'))),
          );
        });
      } finally {
        win.destroy();
        await rm(file, { force: true });
      }
    },
  };
}
