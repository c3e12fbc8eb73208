// Raw TCP printing (port 9100, "JetDirect"): connect, write a job with backpressure, and ask the
// printer for its status on the same socket. Every step has a timeout; nothing waits forever.
import { Socket } from 'node:net';
import { notResponding, parseStatus, STATUS_QUERY, type PrinterProtocol, type PrinterStatus } from './status';

export interface TcpPrinterAddress {
  host: string;
  port: number;
}

export class PrinterConnectionError extends Error {
  constructor(
    readonly reason: 'refused' | 'timeout' | 'closed' | 'error',
    message: string,
  ) {
    super(message);
    this.name = 'PrinterConnectionError';
  }
}

export interface TcpOptions {
  connectTimeoutMs?: number;
  /** How long a write may wait for the printer to drain its buffer. */
  writeTimeoutMs?: number;
  statusTimeoutMs?: number;
}

export class TcpPrinter {
  private socket: Socket | null = null;
  private inbox: Buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private closedError: PrinterConnectionError | null = null;

  constructor(
    readonly address: TcpPrinterAddress,
    private readonly opts: TcpOptions = {},
  ) {}

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
        sock.on('data', (chunk: Buffer) => {
          this.inbox = Buffer.concat([this.inbox, chunk]);
          this.waiter?.();
        });
        const onGone = (err?: Error) => {
          this.closedError ??= new PrinterConnectionError(
            err ? 'error' : 'closed',
            err?.message ?? 'printer closed the connection',
          );
          this.waiter?.();
        };
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

  /** Sends the protocol's status query; a printer that stays silent answers `responding: false`. */
  async status(protocol: PrinterProtocol): Promise<PrinterStatus> {
    this.inbox = Buffer.alloc(0);
    await this.write(STATUS_QUERY[protocol]);
    const deadline = Date.now() + (this.opts.statusTimeoutMs ?? 1500);
    for (;;) {
      const parsed = parseStatus(protocol, this.inbox);
      if (parsed) {
        this.inbox = Buffer.alloc(0);
        return parsed;
      }
      if (this.closedError) throw this.closedError;
      const left = deadline - Date.now();
      if (left <= 0) return notResponding();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiter = done;
      });
      this.waiter = null;
    }
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
