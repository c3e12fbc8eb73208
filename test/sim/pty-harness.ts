// PtyHarness (reference §6): a socat pty pair; the simulated device sits on end b with a real
// SerialPort, the app gets end a. Killing socat is an unplug; start() again is a replug.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SerialPort } from 'serialport';

export const hasSocat = spawnSync('socat', ['-V']).status === 0;

export class PtyHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'fams-pty-'));
  readonly appPath = join(this.dir, 'a');
  readonly devPath = join(this.dir, 'b');
  private proc: ChildProcess | null = null;
  private port: SerialPort | null = null;
  /** Bytes the device end received from the app. */
  onHostBytes: (chunk: Uint8Array) => void = () => {};

  async start(): Promise<void> {
    // A killed socat can leave its symlinks behind; socat would refuse to recreate them.
    rmSync(this.appPath, { force: true });
    rmSync(this.devPath, { force: true });
    const proc = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.appPath}`, `pty,raw,echo=0,link=${this.devPath}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.proc = proc;
    // socat logs "starting data transfer loop" once both ptys exist.
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error('socat did not start: ' + log)), 5000);
      proc.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited ${code}: ${log}`));
      });
    });
    const port = new SerialPort({ path: this.devPath, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (d: Buffer) => this.onHostBytes(d));
    port.on('error', () => {});
    this.port = port;
  }

  /** Device → app. */
  write(bytes: Uint8Array): void {
    this.port?.write(Buffer.from(bytes));
  }

  drain(): Promise<void> {
    const port = this.port;
    return port ? new Promise((resolve) => port.drain(() => resolve())) : Promise.resolve();
  }

  /**
   * Unplug: kill socat; both ptys vanish and the app's end hangs up. `hard` (SIGKILL) leaves the
   * symlinks dangling, as a crashed bridge would.
   */
  async unplug(opts: { hard?: boolean } = {}): Promise<void> {
    const port = this.port;
    this.port = null;
    const proc = this.proc;
    this.proc = null;
    if (proc && proc.exitCode === null) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill(opts.hard ? 'SIGKILL' : 'SIGTERM');
      await gone;
    }
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    // existsSync follows the link: false once the pty behind it is gone, even if the link stays.
    for (let i = 0; i < 50 && existsSync(this.appPath); i++) await new Promise((r) => setTimeout(r, 10));
  }

  async stop(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Keeps `n` threads spinning until the returned stop is called: the load under which unplugs used
 * to go unseen (a hang-up landing during a read rather than while polling).
 */
export function cpuBurners(n = 2): () => Promise<void> {
  const workers = Array.from({ length: n }, () => new Worker('for (;;) {}', { eval: true }));
  return async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
}

/**
 * A cross-process turn for test files that drive socat ptys. It was added because an unplug went
 * unseen while another file kept the machine busy; the cause (serialport spinning on 0-byte reads
 * of a hung-up tty) is now handled by SerialLink's watch, and the device tests no longer take it.
 * A directory in the temp folder is the lock (mkdir is atomic); one left by a dead process is taken over.
 */
export async function acquirePtyLock(timeoutMs = 240_000): Promise<() => void> {
  const lock = join(tmpdir(), 'fams-pty-tests.lock');
  const owner = join(lock, 'pid');
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(owner, 'utf8'));
      } catch {
        /* being created or removed */
      }
      let alive = holder > 0;
      if (alive) {
        try {
          process.kill(holder, 0);
        } catch {
          alive = false;
        }
      }
      if (holder > 0 && !alive) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > end) throw new Error('timed out waiting for the pty test lock');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
