// The ZPL/TSPL printer simulator behind a socat pty pair (a serial or USB-CDC label printer): the app
// opens `path`, the simulator reads the other end. It can vanish mid-job once it has received a
// given number of bytes, like a cable pulled while the printer is busy.
import { PrinterSim } from './printer-sim';
import { PtyHarness } from './pty-harness';

export class SerialPrinterSim {
  readonly sim: PrinterSim;
  readonly pty = new PtyHarness();
  /** Host bytes received since start. */
  received = 0;
  /** Unplug (kill socat) once this many bytes have arrived; null: never. */
  unplugAfterBytes: number | null = null;
  /** Resolves when the scripted unplug has happened. */
  unplugged: Promise<void> | null = null;

  constructor(protocol: 'zpl' | 'tspl') {
    this.sim = new PrinterSim(protocol);
  }

  /** The app's end of the pty (what devices.add gets as path). */
  get path(): string {
    return this.pty.appPath;
  }

  async start(): Promise<void> {
    await this.pty.start();
    // A fresh parser per plug-in: a half-received job does not survive an unplug.
    const feed = this.sim.session((reply) => this.pty.write(reply));
    this.pty.onHostBytes = (chunk) => {
      this.received += chunk.length;
      feed(Buffer.from(chunk));
      if (this.unplugAfterBytes !== null && this.received >= this.unplugAfterBytes && !this.unplugged) {
        this.unplugged = this.pty.unplug();
      }
    };
  }

  async stop(): Promise<void> {
    await this.pty.stop();
  }
}
