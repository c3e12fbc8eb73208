// The OS printer (the system's print queue) as a service the shell provides: the core cannot print a
// PDF by itself, the Electron shell can (a hidden window and webContents.print). The browser shell has
// none, and its UI downloads the PDF instead. Handlers are synchronous, so the printer list is cached.
import type { CoreServices } from '../../api/context';

export interface OsPrinterInfo {
  name: string;
  isDefault: boolean;
}

export interface OsPrinterService {
  list(): Promise<OsPrinterInfo[]>;
  /** Prints the PDF on `printerName` ('' or null: the system default) and resolves once it is spooled. */
  printPdf(pdf: Buffer, printerName: string | null, copies: number): Promise<void>;
}

interface Registered {
  service: OsPrinterService;
  printers: OsPrinterInfo[];
  listedAt: string | null;
  refreshing: Promise<void> | null;
}

const registry = new WeakMap<CoreServices, Registered>();

export function attachOsPrinter(core: CoreServices, service: OsPrinterService): void {
  const r: Registered = { service, printers: [], listedAt: null, refreshing: null };
  registry.set(core, r);
  void refreshOsPrinters(core);
}

export function osPrinterOf(core: CoreServices): OsPrinterService | null {
  return registry.get(core)?.service ?? null;
}

/** Asks the shell for its printers again (in the background: handlers cannot wait). */
export function refreshOsPrinters(core: CoreServices): Promise<void> {
  const r = registry.get(core);
  if (!r) return Promise.resolve();
  r.refreshing ??= r.service
    .list()
    .then(
      (list) => {
        r.printers = list;
        r.listedAt = new Date().toISOString();
      },
      (err: Error) => console.error(`[os-printer] listing printers failed: ${err.message}`),
    )
    .finally(() => {
      r.refreshing = null;
    });
  return r.refreshing;
}

/** What the last listing found; `available: false` when the shell has no OS printing (browser shell). */
export function cachedOsPrinters(core: CoreServices): {
  available: boolean;
  printers: OsPrinterInfo[];
  listedAt: string | null;
} {
  const r = registry.get(core);
  return r
    ? { available: true, printers: r.printers, listedAt: r.listedAt }
    : { available: false, printers: [], listedAt: null };
}
