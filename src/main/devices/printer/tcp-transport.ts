// Raw TCP printing (port 9100, "JetDirect"): connect, write a job with backpressure, and ask the
// printer for its status on the same socket. Every step has a timeout; nothing waits forever.
import { Socket } from 'node:net';
import { PrinterConnectionError, PrinterLinkBase, type LinkTimeouts } from './link';

export { PrinterConnectionError } from './link';

export interface TcpPrinterAddress {
  host: string;
  port: number;
}

export type TcpOptions = LinkTimeouts;

export class TcpPrinter extends PrinterLinkBase {
  private socket: Socket | null = null;

  constructor(
    readonly address: TcpPrinterAddress,
    opts: TcpOptions = {},
  ) {
    super(opts);
  }

  get target(): string {
    return `${this.address.host}:${this.address.port}`;
  }

  connect(): Promise<void> {
    const timeout = this.opts.connectTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const sock = new Socket();
      const timer = setTimeout(() => {
        sock.destroy();
        reject(
          new PrinterConnectionError(
            'timeout',
            `connect to ${this.address.host}:${this.address.port} timed out`,
          ),
        );
      }, timeout);
      sock.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new PrinterConnectionError(err.code === 'ECONNREFUSED' ? 'refused' : 'error', err.message));
      });
      sock.connect(this.address.port, this.address.host, () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        sock.setNoDelay(true);
        sock.on('data', (chunk: Buffer) => this.received(chunk));
        const onGone = (err?: Error) =>
          this.lost(
            new PrinterConnectionError(
              err ? 'error' : 'closed',
              err?.message ?? 'printer closed the connection',
            ),
          );
        sock.on('error', onGone);
        sock.on('close', () => onGone());
        this.socket = sock;
        resolve();
      });
    });
  }

  /** Writes bytes, waiting for 'drain' when the printer is slower than we are. */
  async write(bytes: Buffer): Promise<void> {
    const sock = this.alive();
    if (sock.write(bytes)) return;
    const timeout = this.opts.writeTimeoutMs ?? 30000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new PrinterConnectionError('timeout', 'printer stopped accepting data'));
      }, timeout);
      const onDrain = () => {
        cleanup();
        resolve();
      };
      const onClose = () => {
        cleanup();
        reject(this.closedError ?? new PrinterConnectionError('closed', 'printer closed the connection'));
      };
      const cleanup = () => {
        clearTimeout(timer);
        sock.off('drain', onDrain);
        sock.off('close', onClose);
      };
      sock.on('drain', onDrain);
      sock.on('close', onClose);
    });
  }

  /** Half-closes after everything written has been flushed, then lets go of the socket. */
  async close(): Promise<void> {
    const sock = this.socket;
    this.socket = null;
    if (!sock || sock.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sock.destroy();
        resolve();
      }, 2000);
      sock.end(() => {
        clearTimeout(timer);
        sock.destroy();
        resolve();
      });
    });
  }

  private alive(): Socket {
    if (this.closedError) throw this.closedError;
    if (!this.socket) throw new PrinterConnectionError('closed', 'not connected');
    return this.socket;
  }
}
