// Helpers of the devices benchmark: the in-memory link, latency figures, serial-sized chunking, the
// raw label baseline (pdfkit + bwip-js with none of our layout code) and the results file.
import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js/node';
import type { Sqlite } from '../../src/main/db/client';
import { getSetting } from '../../src/main/db/kv';
import type { ByteLink } from '../../src/main/devices/transport';
import { LABEL_FONT_FACE, labelFontPath } from '../../src/main/devices/printer/font';
import type { Rng } from '../../src/main/demo/prng';
import { percentile, round, updateResults } from './lib';

/** The app's side of a device link, fed straight from the benchmark (no OS, no socat). */
export class BenchLink implements ByteLink {
  onData: (chunk: Uint8Array) => void = () => {};
  onLost: (err: Error | null) => void = () => {};
  async open(): Promise<void> {}
  async write(): Promise<void> {}
  async close(): Promise<void> {}
}

export interface Figures {
  n: number;
  perSec: number;
  p50: number;
  p99: number;
}
export const figures = (lat: number[], busyMs: number): Figures => ({
  n: lat.length,
  perSec: round((lat.length / busyMs) * 1000, 0),
  p50: round(percentile(lat, 50), 3),
  p99: round(percentile(lat, 99), 3),
});
/**
 * This process's CPU time since `c0`, once per report it produced: on a machine shared with other
 * work it stays near what a quiet machine's wall time would be, while wall time counts waits for a core.
 */
export function cpuOf(c0: NodeJS.CpuUsage, reports: number, into: number[]): void {
  const d = process.cpuUsage(c0);
  for (let j = 0; j < reports; j++) into.push((d.user + d.system) / 1000);
}
export const tick = () => new Promise((r) => setImmediate(r));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A byte stream cut where a serial read would cut it, with the EPCs each chunk completes. */
export interface Stream {
  chunks: Uint8Array[];
  epcs: string[][];
}
export function chunked(
  frames: { bytes: Uint8Array; epcs: string[] }[],
  rng: Rng,
  min: number,
  max: number,
): Stream {
  const all = Buffer.concat(frames.map((f) => f.bytes));
  const ends: { end: number; epcs: string[] }[] = [];
  let off = 0;
  for (const f of frames) ends.push({ end: (off += f.bytes.length), epcs: f.epcs });
  const chunks: Uint8Array[] = [];
  const epcs: string[][] = [];
  let k = 0;
  for (let at = 0; at < all.length;) {
    const next = Math.min(all.length, at + rng.int(min, max));
    chunks.push(all.subarray(at, next));
    const done: string[] = [];
    while (k < ends.length && ends[k]!.end <= next) done.push(...ends[k++]!.epcs);
    epcs.push(done);
    at = next;
  }
  return { chunks, epcs };
}

export const kb = (bytes: number) => Math.round(bytes / 1024).toLocaleString('en');

/**
 * The raw label baseline: the same texts and codes per label, drawn with pdfkit and bwip-js
 * directly (fixed positions for a 50×30 mm label, codes as vector paths from bwip-js's SVG).
 */
export function rawLabels(sqlite: Sqlite, ids: number[]): Buffer {
  const MM = 72 / 25.4;
  const company = getSetting<{ name: string }>(sqlite, 'company.profile')?.name;
  const get = sqlite.prepare(
    'SELECT a.asset_code, a.name, d.name FROM assets a LEFT JOIN departments d ON d.id = a.department_id WHERE a.id = ?',
  );
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0 });
  doc.registerFont('label', labelFontPath(), LABEL_FONT_FACE);
  const svgPath = (svg: string) => /d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const svgBox = (svg: string) =>
    /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
  for (const id of ids) {
    const [code, name, dept] = get.raw().get(id) as [string, string, string | null];
    doc.addPage({ size: [50 * MM, 30 * MM], margin: 0 });
    doc
      .font('label')
      .fontSize(6.5)
      .text(company ?? '基准测试公司', 2 * MM, 2 * MM, { lineBreak: false });
    doc.fontSize(8).text(name, 2 * MM, 5 * MM, { width: 28 * MM, height: 7 * MM, ellipsis: true });
    doc.fontSize(6.5).text(`部门：${dept ?? ''}`, 2 * MM, 13 * MM, { lineBreak: false });
    const qr = bwipjs.toSVG(qrOptions(code));
    const [qw] = svgBox(qr);
    doc
      .save()
      .translate(35 * MM, 2 * MM)
      .scale((13 * MM) / qw)
      .path(svgPath(qr))
      .fill('black')
      .restore();
    const bar = bwipjs.toSVG({ bcid: 'code128', text: code, height: 6, includetext: false });
    const [bw, bh] = svgBox(bar);
    const sw = Number(/stroke-width="([\d.]+)"/.exec(bar)?.[1] ?? 1);
    doc
      .save()
      .translate(2 * MM, 19 * MM)
      .scale((46 * MM) / bw, (6 * MM) / bh);
    doc.lineWidth(sw).path(svgPath(bar)).stroke('black').restore();
    doc.fontSize(5).text(code, 2 * MM, 26 * MM, { width: 46 * MM, align: 'center', lineBreak: false });
  }
  doc.end();
  const chunks: Buffer[] = [];
  let c: Buffer | null;
  while ((c = doc.read() as Buffer | null) !== null) chunks.push(c);
  return Buffer.concat(chunks);
}

/** bwip-js takes BWIPP options (eclevel) its typings do not list. */
function qrOptions(code: string): Parameters<typeof bwipjs.toSVG>[0] {
  const o = { bcid: 'qrcode', text: code, eclevel: 'M' };
  return o;
}

/** This bench's figures go under "devices" in results/latest.json. */
export function saveResult(result: object): void {
  const out = updateResults((all) => ({ ...all, devices: result }));
  console.log(`results in ${out} (key "devices")`);
}
