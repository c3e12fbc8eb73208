// What every printer transport offers a print job (connect, write with backpressure, status, close),
// and the part they share: collecting the printer's replies and waiting for a complete status answer.
import { notResponding, parseStatus, STATUS_QUERY, type PrinterProtocol, type PrinterStatus } from './status';

export class PrinterConnectionError extends Error {
  constructor(
    readonly reason: 'refused' | 'timeout' | 'closed' | 'notFound' | 'error',
    message: string,
  ) {
    super(message);
    this.name = 'PrinterConnectionError';
  }
}

export interface PrinterLink {
  /** Where the job goes, for messages and the history ('host:port', '/dev/ttyUSB0'). */
  readonly target: string;
  connect(): Promise<void>;
  /** Resolves once the bytes are accepted; waits while the printer is slower than we are. */
  write(bytes: Buffer): Promise<void>;
  /** Sends the protocol's status query; a printer that stays silent answers `responding: false`. */
  status(protocol: PrinterProtocol): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export interface LinkTimeouts {
  connectTimeoutMs?: number;
  /** How long a write may wait for the printer to take the bytes. */
  writeTimeoutMs?: number;
  statusTimeoutMs?: number;
}

/** Reply bytes and the link's fate, shared by the TCP and serial printers. */
export abstract class PrinterLinkBase implements PrinterLink {
  abstract readonly target: string;
  protected inbox: Buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  protected closedError: PrinterConnectionError | null = null;

  constructor(protected readonly opts: LinkTimeouts = {}) {}

  abstract connect(): Promise<void>;
  abstract write(bytes: Buffer): Promise<void>;
  abstract close(): Promise<void>;

  /** Bytes from the printer. */
  protected received(chunk: Uint8Array): void {
    this.inbox = Buffer.concat([this.inbox, chunk]);
    this.waiter?.();
  }

  /** The link went away by itself: every wait ends with this error. */
  protected lost(err: PrinterConnectionError): void {
    this.closedError ??= err;
    this.waiter?.();
  }

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

  /** Runs `start` (which must call its callback), failing with a timeout after `ms`. */
  protected withTimeout(ms: number, what: string, start: (done: (err?: Error | null) => void) => void) {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new PrinterConnectionError('timeout', what)), ms);
      start((err) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    });
  }
}
