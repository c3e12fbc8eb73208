// A minimal streaming ZIP writer for .xlsx files: entries written one after another straight to a file,
// deflated by node:zlib (a deflateRaw stream per large entry, so compression runs on the libuv thread pool
// while the caller builds the next rows), each with a local header, a data descriptor (flag bit 3: CRC and
// sizes follow the data, so nothing is buffered or rewritten) and a central directory at the end.
// ZIP64 is not written: an entry or archive reaching 4 GB is refused with ZipTooLargeError.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { crc32 } from './crc32';

const LIMIT = 0xffffffff;
/** Bit 3: sizes and CRC in a data descriptor after the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const VERSION = 20;
const DEFLATE = 8;

export class ZipTooLargeError extends Error {
  readonly code = 'XLSX_TOO_LARGE';
  constructor(what: string) {
    super(`${what} would exceed 4 GB, which needs ZIP64 (not supported)`);
  }
}

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  csize: number;
  usize: number;
}

/** Deflate options: level 6 costs about twice level 3 for a few percent on this repetitive XML. */
export interface ZipOptions {
  level?: number;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A streaming entry: write() then end(); wait on drained() now and then to bound the memory in flight. */
export interface ZipEntryStream {
  write(data: Buffer): void;
  /** Resolves when the deflater has taken what was written so far (or at once when it has). */
  drained(): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private fd: number;
  private offset = 0;
  private entries: Entry[] = [];
  private open = false;
  private closed = false;
  private readonly stamp = dosTime(new Date());
  private readonly level: number;

  constructor(
    private readonly file: string,
    opts: ZipOptions = {},
  ) {
    this.fd = openSync(file, 'w');
    this.level = opts.level ?? 3;
  }

  private out(buf: Buffer): void {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
    this.offset += buf.length;
  }

  private begin(name: string): Entry {
    if (this.closed) throw new Error('zip: already finished');
    if (this.open) throw new Error('zip: an entry is still open');
    if (this.entries.length >= 0xffff) throw new ZipTooLargeError('the number of entries');
    const e: Entry = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, csize: 0, usize: 0 };
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(FLAGS, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (14..25) stay zero: they are in the data descriptor.
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    this.out(h);
    this.out(e.name);
    return e;
  }

  private descriptor(e: Entry): void {
    if (e.usize > LIMIT || e.csize > LIMIT) throw new ZipTooLargeError(`zip entry ${e.name.toString()}`);
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(e.crc, 4);
    d.writeUInt32LE(e.csize, 8);
    d.writeUInt32LE(e.usize, 12);
    this.out(d);
    this.entries.push(e);
    if (this.offset > LIMIT) throw new ZipTooLargeError('the archive');
  }

  /** A small entry, deflated at once. */
  addFile(name: string, data: string | Buffer): void {
    const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const e = this.begin(name);
    const z = zlib.deflateRawSync(raw, { level: this.level });
    e.crc = crc32(raw);
    e.usize = raw.length;
    e.csize = z.length;
    this.out(z);
    this.descriptor(e);
  }

  /** A large entry written in pieces; only one can be open at a time. */
  openEntry(name: string): ZipEntryStream {
    const e = this.begin(name);
    this.open = true;
    const z = zlib.createDeflateRaw({ level: this.level, memLevel: 9 });
    let failure: Error | null = null;
    let crc = 0;
    z.on('data', (chunk: Buffer) => {
      try {
        e.csize += chunk.length;
        this.out(chunk);
      } catch (err) {
        failure = err as Error;
        z.destroy(failure);
      }
    });
    const ended = new Promise<void>((resolve, reject) => {
      z.once('end', resolve);
      z.once('error', reject);
    });
    // Rejections are observed through end(); this keeps an early failure from being reported unhandled.
    ended.catch(() => undefined);
    const check = () => {
      if (failure) throw failure;
      if (z.destroyed && !z.writableFinished) throw new Error('zip: deflate stream failed');
    };
    return {
      write: (data: Buffer) => {
        check();
        e.usize += data.length;
        if (e.usize > LIMIT) {
          failure = new ZipTooLargeError(`zip entry ${name}`);
          z.destroy();
          throw failure;
        }
        crc = crc32(data, crc);
        z.write(data);
      },
      drained: () => {
        check();
        if (!z.writableNeedDrain) return Promise.resolve();
        return new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            z.off('error', onError);
            resolve();
          };
          const onError = (err: Error) => {
            z.off('drain', onDrain);
            reject(err);
          };
          z.once('drain', onDrain);
          z.once('error', onError);
        });
      },
      end: async () => {
        check();
        z.end();
        await ended;
        check();
        e.crc = crc;
        this.open = false;
        this.descriptor(e);
      },
    };
  }

  /** Writes the central directory and closes the file. */
  finish(): void {
    if (this.open) throw new Error('zip: an entry is still open');
    if (this.closed) return;
    const start = this.offset;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, spec 2.0
      c.writeUInt16LE(VERSION, 6);
      c.writeUInt16LE(FLAGS, 8);
      c.writeUInt16LE(DEFLATE, 10);
      c.writeUInt16LE(this.stamp.time, 12);
      c.writeUInt16LE(this.stamp.date, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.csize, 20);
      c.writeUInt32LE(e.usize, 24);
      c.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0.
      c.writeUInt32LE(e.offset, 42);
      this.out(c);
      this.out(e.name);
    }
    const size = this.offset - start;
    if (this.offset > LIMIT) throw new ZipTooLargeError('the archive');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.out(end);
    closeSync(this.fd);
    this.closed = true;
  }

  /** Closes and removes the partial file (after a failure). */
  abort(): void {
    if (!this.closed) {
      this.closed = true;
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
    }
    try {
      unlinkSync(this.file);
    } catch {
      // nothing to remove
    }
  }
}
