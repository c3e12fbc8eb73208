// A network label printer on loopback TCP that speaks ZPL or TSPL: it splits the byte stream into
// jobs (^XA…^XZ, or CLS…PRINT), answers ~HS / <ESC>!? from a scriptable world (paper out, head
// open, pause), and records every label it "printed". Used by the printer integration tests.
import { createServer, type Server, type Socket } from 'node:net';
import bwipjs from 'bwip-js/node';
import { zplFieldTexts } from '../helpers/label-decode';
import { encodeGb18030 } from '../../src/main/devices/printer/gb18030';

export interface PrinterWorld {
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  /** Like current Zebra firmware: no ~HS answer at all while there is a fault. */
  silentOnFault: boolean;
}

export interface SimLabel {
  /** The label's source text (TSPL decoded from GB18030). */
  text: string;
  /** TSPL: the SIZE/GAP lines in force when it printed. */
  header?: string;
  /** Printed, or refused because of a fault at the time. */
  printed: boolean;
}

const STX = '\x02';
const ETX = '\x03';

export class PrinterSim {
  readonly world: PrinterWorld = { paperOut: false, headOpen: false, paused: false, silentOnFault: false };
  readonly labels: SimLabel[] = [];
  statusQueries = 0;
  /** The loopback port, once started. */
  port = 0;
  connections = 0;
  private server: Server | null = null;
  private sockets = new Set<Socket>();

  constructor(readonly protocol: 'zpl' | 'tspl') {}

  async start(port = 0): Promise<number> {
    this.server = createServer((sock) => this.accept(sock));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get printed(): SimLabel[] {
    return this.labels.filter((l) => l.printed);
  }

  private fault(): boolean {
    return this.world.paperOut || this.world.headOpen;
  }

  private accept(sock: Socket): void {
    this.connections++;
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => undefined);
    const feed = this.session((reply) => sock.write(reply));
    sock.on('data', feed);
  }

  /**
   * One host connection's parser (TCP socket or serial line): feed it the host's bytes in whatever
   * chunks they arrive; status answers go to `reply`.
   */
  session(reply: (bytes: Buffer) => void): (chunk: Buffer) => void {
    let buf: Buffer = Buffer.alloc(0);
    let header = '';
    return (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      buf =
        this.protocol === 'zpl'
          ? this.consumeZpl(buf, reply)
          : this.consumeTspl(
              buf,
              reply,
              (h) => (header = h),
              () => header,
            );
    };
  }

  private consumeZpl(buf: Buffer, reply: (b: Buffer) => void): Buffer {
    // Searched as bytes: a chunk may end inside a UTF-8 character, but never inside "^XZ".
    for (;;) {
      const hs = buf.indexOf('~HS');
      const start = buf.indexOf('^XA');
      if (hs >= 0 && (start < 0 || hs < start)) {
        this.answerZplStatus(reply);
        buf = Buffer.concat([buf.subarray(0, hs), buf.subarray(hs + 3)]);
        continue;
      }
      const end = start < 0 ? -1 : buf.indexOf('^XZ', start);
      if (end < 0) return buf;
      this.labels.push({
        text: buf.subarray(start, end + 3).toString('utf8'),
        printed: !this.fault() && !this.world.paused,
      });
      buf = buf.subarray(end + 3);
    }
  }

  private answerZplStatus(reply: (b: Buffer) => void): void {
    this.statusQueries++;
    if (this.world.silentOnFault && this.fault()) return;
    const w = this.world;
    const s1 = `030,${w.paperOut ? 1 : 0},${w.paused ? 1 : 0},0240,000,0,0,0,000,0,0,0`;
    const s2 = `001,0,${w.headOpen ? 1 : 0},0,0,2,6,0,00000000,1,000`;
    const s3 = '1234,0';
    reply(Buffer.from(`${STX}${s1}${ETX}\r\n${STX}${s2}${ETX}\r\n${STX}${s3}${ETX}\r\n`, 'latin1'));
  }

  private consumeTspl(
    buf: Buffer,
    reply: (b: Buffer) => void,
    setHeader: (h: string) => void,
    getHeader: () => string,
  ): Buffer {
    // Status queries are answered wherever they appear in the stream.
    for (let i = buf.indexOf(0x1b); i >= 0 && i + 2 < buf.length; i = buf.indexOf(0x1b)) {
      if (buf[i + 1] !== 0x21 || buf[i + 2] !== 0x3f) break;
      this.statusQueries++;
      const w = this.world;
      reply(Buffer.from([(w.headOpen ? 0x01 : 0) | (w.paperOut ? 0x04 : 0) | (w.paused ? 0x10 : 0)]));
      buf = Buffer.concat([buf.subarray(0, i), buf.subarray(i + 3)]);
    }
    const dec = new TextDecoder('gb18030');
    for (;;) {
      const m = /PRINT [^\r\n]*\r\n/.exec(buf.toString('latin1'));
      if (!m) return buf;
      const end = m.index + m[0].length;
      const text = dec.decode(buf.subarray(0, end));
      const cls = text.indexOf('CLS\r\n');
      const head = cls >= 0 ? text.slice(0, cls) : '';
      if (head.includes('SIZE')) setHeader(head);
      this.labels.push({
        text: cls >= 0 ? text.slice(cls) : text,
        header: getHeader(),
        printed: !this.fault() && !this.world.paused,
      });
      buf = buf.subarray(end);
    }
  }
}

/** Field data of every ^FD…^FS in a ZPL label (kept under this name for the older tests). */
export const zplFields = zplFieldTexts;

/** The quoted content (last argument) of every TSPL line starting with `command`. */
export function tsplStrings(label: string, command: string): string[] {
  return label
    .split('\r\n')
    .filter((l) => l.startsWith(command + ' '))
    .map((l) => /"((?:[^"\\]|\\\["\])*)"$/.exec(l)?.[1]?.replace(/\\\["\]/g, '"') ?? '');
}

export interface TsplCommand {
  name: string;
  /** Arguments split on commas outside quotes; quoted ones unquoted (\["] → "). */
  args: string[];
}

/** The TSPL subset our generator uses; anything else is a bug the sim reports. */
const TSPL_COMMANDS = [
  'SIZE',
  'GAP',
  'DIRECTION',
  'REFERENCE',
  'CODEPAGE',
  'CLS',
  'TEXT',
  'BAR',
  'BOX',
  'QRCODE',
  'BARCODE',
  'PRINT',
];

/** One TSPL label (CLS … PRINT, already decoded from GB18030) as commands; throws on what it cannot read. */
export function parseTsplLabel(label: string): TsplCommand[] {
  const known = new Set(TSPL_COMMANDS);
  return label
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const sp = line.indexOf(' ');
      const name = sp < 0 ? line : line.slice(0, sp);
      if (!known.has(name)) throw new Error(`TSPL: unknown command ${JSON.stringify(line)}`);
      const args = [...(sp < 0 ? '' : line.slice(sp + 1)).matchAll(/"((?:[^"\\]|\\\["\])*)"|([^,]+)/g)].map(
        (m) => (m[1] !== undefined ? m[1].replace(/\\\["\]/g, '"') : m[2]!.trim()),
      );
      return { name, args };
    });
}

export interface TsplCodeImage {
  command: 'QRCODE' | 'BARCODE';
  data: string;
  /** The code drawn again by bwip-js on white (zbar cannot read bwip-js's transparent default). */
  png: Buffer;
}

/**
 * What the printer would draw for each QRCODE / BARCODE "128" of a label: TSPL has no offline renderer,
 * so the sim re-draws the codes from their parsed contents.
 */
export async function renderTsplCodes(label: string): Promise<TsplCodeImage[]> {
  const cmds = parseTsplLabel(label);
  if (!cmds.some((c) => c.name === 'CLS')) throw new Error('TSPL: label without CLS');
  const out: TsplCodeImage[] = [];
  for (const c of cmds) {
    const data = c.args[c.args.length - 1] ?? '';
    const common = { scale: 3, backgroundcolor: 'FFFFFF', paddingwidth: 12, paddingheight: 12 };
    if (c.name === 'QRCODE') {
      // A printer puts the bytes it received into the QR: the job is GB18030, so Chinese content is too.
      const text = encodeGb18030(data).toString('latin1');
      out.push({
        command: 'QRCODE',
        data,
        png: await bwipjs.toBuffer({ bcid: 'qrcode', text, binarytext: true, ...common }),
      });
    } else if (c.name === 'BARCODE') {
      if (c.args[2] !== '128') throw new Error(`TSPL: barcode type ${c.args[2]} not simulated`);
      out.push({
        command: 'BARCODE',
        data,
        png: await bwipjs.toBuffer({ bcid: 'code128', text: data, height: 10, ...common }),
      });
    }
  }
  return out;
}
