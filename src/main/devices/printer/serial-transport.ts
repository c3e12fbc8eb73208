// Serial label printers (RS-232 or USB-CDC, usually 9600 8N1): the same job bytes as TCP 9100, over a
// port opened for one job. The port is the devices' SerialLink, which notices an unplug even while
// a read is in flight; a write waits until the OS has taken the bytes, so a slow printer holds us back.
import { SerialLink } from '../transport';
import { PrinterConnectionError, PrinterLinkBase, type LinkTimeouts } from './link';

export interface SerialPrinterAddress {
  path: string;
  baudRate: number;
}

/** Bytes per write: small enough that an unplug is noticed between writes, not after the whole job. */
const WRITE_SLICE = 1024;

export class SerialPrinter extends PrinterLinkBase {
  private link: SerialLink | null = null;

  constructor(
    readonly address: SerialPrinterAddress,
    opts: LinkTimeouts = {},
  ) {
    super(opts);
  }

  get target(): string {
    return this.address.path;
  }

  async connect(): Promise<void> {
    const link = new SerialLink(this.address.path, this.address.baudRate);
    link.onData = (chunk) => this.received(chunk);
    link.onLost = (err) =>
      this.lost(new PrinterConnectionError('closed', err?.message ?? 'serial port closed'));
    const timeout = this.opts.connectTimeoutMs ?? 3000;
    try {
      await this.withTimeout(timeout, `opening ${this.address.path} timed out`, (done) => {
        link.open().then(() => done(), done);
      });
    } catch (err) {
      void link.close().catch(() => undefined);
      if (err instanceof PrinterConnectionError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      const msg = (err as Error).message;
      // serialport reports a missing device as "Error: No such file or directory, cannot open …".
      const missing = code === 'ENOENT' || /no such file|cannot find|not found/i.test(msg);
      throw new PrinterConnectionError(missing ? 'notFound' : 'error', msg);
    }
    this.link = link;
  }

  async write(bytes: Buffer): Promise<void> {
    for (let off = 0; off < bytes.length; off += WRITE_SLICE) {
      if (this.closedError) throw this.closedError;
      const link = this.link;
      if (!link) throw new PrinterConnectionError('closed', 'not connected');
      const slice = bytes.subarray(off, off + WRITE_SLICE);
      await this.withTimeout(this.opts.writeTimeoutMs ?? 30000, 'printer stopped accepting data', (done) => {
        link.write(slice).then(
          () => done(),
          (err: Error) =>
            done(this.closedError ?? new PrinterConnectionError('closed', err.message || 'write failed')),
        );
      });
    }
    if (this.closedError) throw this.closedError;
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = null;
    await link?.close();
  }
}
