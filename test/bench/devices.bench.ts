// Benchmark: devices on a real core over a sample company of N assets (default 100,000), each beside a
// raw baseline measured in the same run (issue 4, "Speed"):
//  a) RFID ingest: R2000 and Chafon tag-report frames (built by the simulators) in serial-sized chunks
//     through the app's link → driver → reader codec → manager de-duplication → EPC resolution (bound
//     tag, ASCII asset code, GIAI-96) → commitScans. Target ≥ 2,000 reports/s, p99 ≤ 5 ms per report.
//     Raw: a Map for repeats, one prepared lookup (binding, then code) and an insert per new tag.
//  b) Serial-scanner lines (AIM prefix, CR suffix) through the same driver/line codec → resolution by
//     code, serial no. or bound EPC → persisted scan. Target p99 ≤ 5 ms. Raw: slice, lookup, insert.
//  c) 1,000 labels to PDF through labels.render (target ≤ 10 s). Raw: pdfkit + bwip-js drawing the
//     same 1,000 labels (texts, QR, Code 128 as vectors, CJK font) with no layout code of ours.
// Run: npx tsx test/bench/devices.bench.ts [--assets N] [--reports N] [--lines N] [--labels N]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../../src/main/core';
import type { ApiResult } from '../../src/main/api/errors-shared';
import { deviceManagerOf } from '../../src/main/devices/manager';
import { encodeAsciiEpc, encodeGiai96 } from '../../src/main/devices/rfid/epc';
import { r2000 } from '../../src/main/devices/rfid/r2000';
import { chafon } from '../../src/main/devices/rfid/chafon';
import { toHex } from '../../src/main/devices/bytes';
import { Rng } from '../../src/main/demo/prng';
import { R2000Sim, type SimTag } from '../sim/r2000-sim';
import { ChafonSim } from '../sim/chafon-sim';
import { scannerLine } from '../sim/scanners';
import { percentile, printTable, round, type Row, adminCaller, writeSampleCompany } from './lib';
import {
  BenchLink,
  chunked,
  cpuOf,
  figures,
  kb,
  rawLabels,
  saveResult,
  sleep,
  tick,
  type Figures,
} from './devices-lib';

const TARGETS = { reportsPerSec: 2000, reportP99Ms: 5, lineP99Ms: 5, labelsMs: 10_000 };
const GIAI_PREFIX = '6901234';

function ok<T>(r: ApiResult<unknown>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${JSON.stringify(r.error.params ?? '')}`);
  return r.data as T;
}

export async function runDevicesBench(
  opts: { assets?: number; reports?: number; lines?: number; labels?: number } = {},
) {
  const n = opts.assets ?? 100_000;
  const reportN = opts.reports ?? 20_000;
  const lineN = opts.lines ?? 5_000;
  const labelN = opts.labels ?? 1_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'fams-devices-bench-'));
  const started = performance.now();
  try {
    const now = new Date();
    let t = performance.now();
    writeSampleCompany(dataDir, {
      assets: n,
      now,
      optimize: true,
      // GIAI-96 carries a number: one asset in twenty gets a numeric code so those tags resolve.
      adjust: (sqlite) =>
        sqlite.exec('UPDATE assets SET asset_code = CAST(800000000 + id AS TEXT) WHERE id % 20 = 0'),
    });
    const generateMs = performance.now() - t;

    const links = new Map<string, BenchLink>();
    const core = startCore({
      dataDir,
      autoBackup: false,
      devices: {
        linkFactory: (cfg) => {
          const l = new BenchLink();
          links.set(cfg.path ?? '', l);
          return l;
        },
      },
    });
    try {
      const caller = adminCaller(core);
      const call = <T>(m: string, input: unknown) => ok<T>(core.dispatch(caller, m, input), m);
      const { sqlite } = core.services;
      const mgr = deviceManagerOf(core.services)!;
      const rng = new Rng(11);

      const assets = sqlite
        .prepare("SELECT id, asset_code FROM assets WHERE deleted_at IS NULL AND asset_code NOT GLOB '8*'")
        .raw()
        .all() as [number, string][];
      const numeric = sqlite
        .prepare("SELECT asset_code FROM assets WHERE asset_code GLOB '8[0-9]*'")
        .pluck()
        .all() as string[];
      const serials = sqlite
        .prepare(
          "SELECT serial_no FROM assets WHERE serial_no <> '' GROUP BY serial_no HAVING count(*) = 1 LIMIT 20000",
        )
        .pluck()
        .all() as string[];
      const pick = <T>(xs: T[]) => xs[rng.int(0, xs.length - 1)]!;
      const randomEpc = () => toHex(new Uint8Array(12).map(() => rng.int(0, 255)));

      // Bound tags: 5,000 random EPCs bound to assets (as rfid.bind writes them).
      const bound: string[] = [];
      const bind = sqlite.prepare(
        'INSERT OR IGNORE INTO rfid_bindings (epc, asset_id, bound_at) VALUES (?, ?, ?)',
      );
      sqlite.transaction(() => {
        for (let i = 0; i < 5000; i++) {
          const epc = randomEpc();
          bind.run(epc, pick(assets)[0], now.toISOString());
          bound.push(epc);
        }
      })();

      // Raw baseline tables: the scans table's shape and indexes, none of our code.
      const ddl = sqlite
        .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'scans' AND sql IS NOT NULL")
        .pluck()
        .all() as string[];
      for (const s of ddl)
        sqlite.exec(s.replace(/\bscans\b/g, 'bench_scans').replace(/\bscans_(\w+)/g, 'bench_scans_$1'));
      const rawIns = sqlite.prepare(
        `INSERT INTO bench_scans (at, device_id, source, station, raw_hex, code, epc, rssi, asset_id, target)
         VALUES (?, NULL, ?, 'local', ?, ?, ?, ?, ?, 'find')`,
      );
      const rawByEpc = sqlite.prepare('SELECT asset_id FROM rfid_bindings WHERE epc = ?').pluck();
      const rawByCode = sqlite.prepare('SELECT id FROM assets WHERE asset_code = ?').pluck();
      const rawBySerial = sqlite.prepare('SELECT id FROM assets WHERE serial_no = ?').pluck();

      const addDevice = async (protocol: string, path: string, kind: string, baudRate?: number) => {
        const d = call<{ id: number }>('devices.add', {
          kind,
          transport: 'serial',
          protocol,
          path,
          baudRate,
        });
        for (let i = 0; i < 2000 && mgr.statusOf(d.id).status !== 'connected'; i++) await sleep(5);
        return { id: d.id, link: links.get(path)! };
      };

      // ---- a) RFID ingest ----
      // A sweep of a room: 500 tags (30% bound, 30% asset code in ASCII, 20% GIAI-96, 20% unknown),
      // each read several times, as the reader reports them.
      const sweepTags = (): { tags: SimTag[]; key: Map<string, string> } => {
        const key = new Map<string, string>();
        const tags = Array.from({ length: 500 }, (_, i) => {
          const r = i % 10;
          let epc: string;
          if (r < 3) epc = pick(bound);
          else if (r < 6) {
            const code = pick(assets)[1];
            epc = encodeAsciiEpc(code);
            key.set(epc, code);
          } else if (r < 8) {
            const code = pick(numeric);
            epc = encodeGiai96(GIAI_PREFIX, code);
            key.set(epc, code);
          } else epc = randomEpc();
          return { epc, rssiDbm: -rng.int(35, 75) };
        });
        return { tags, key };
      };

      const ingest = async (protocol: 'r2000' | 'chafon', total: number) => {
        const dev = await addDevice(
          protocol,
          `bench:${protocol}`,
          'rfid',
          protocol === 'chafon' ? 57600 : 115200,
        );
        const lat: number[] = [];
        const cpu: number[] = [];
        const raw: number[] = [];
        let busy = 0;
        let rawBusy = 0;
        let reports = 0;
        let persisted = 0;
        const scansBefore = sqlite.prepare('SELECT count(*) FROM scans').pluck().get() as number;
        while (reports < total) {
          const { tags, key } = sweepTags();
          const frames: { bytes: Uint8Array; epcs: string[] }[] = [];
          if (protocol === 'r2000') {
            const sim = new R2000Sim((b) => frames.push({ bytes: b, epcs: [] }));
            sim.field = tags;
            sim.readsPerRound = 4;
            sim.onHostBytes(r2000.realtimeInventory(1, 2));
            // Tag frames: A0 Len Adr Cmd FreqAnt PC(2) EPC… RSSI Check.
            for (const f of frames)
              if (f.bytes[1]! > 0x0a) f.epcs.push(toHex(f.bytes.subarray(7, f.bytes.length - 2)));
          } else {
            const sim = new ChafonSim((b) => frames.push({ bytes: b, epcs: [] }));
            sim.field = tags;
            sim.readsPerRound = 8;
            sim.onHostBytes(chafon.inventory(0));
            // Reply: Len Adr Cmd Status Num (EpcLen EPC…)… CRC(2).
            for (const f of frames)
              for (let at = 5; at < f.bytes.length - 2; at += 1 + f.bytes[at]!)
                f.epcs.push(toHex(f.bytes.subarray(at + 1, at + 1 + f.bytes[at]!)));
          }
          // A serial read returns what the tty buffer holds: 8–512 bytes in a steady stream.
          const s = chunked(frames, rng, 8, 512);
          call('rfid.start', { deviceId: dev.id });
          mgr.latencies.length = 0;
          const seen = new Set<string>();
          for (let i = 0; i < s.chunks.length; i++) {
            const t0 = performance.now();
            const c0 = process.cpuUsage();
            const before = mgr.latencies.length;
            dev.link.onData(s.chunks[i]!);
            busy += performance.now() - t0;
            cpuOf(c0, mgr.latencies.length - before, cpu);
            // Raw, interleaved so both see the same machine.
            const epcs = s.epcs[i]!;
            const r0 = performance.now();
            const fresh = epcs.filter((e) => !seen.has(e) && seen.add(e));
            if (fresh.length)
              sqlite.transaction(() => {
                const at = new Date().toISOString();
                for (const e of fresh) {
                  const k = key.get(e);
                  const id = rawByEpc.get(e) ?? (k ? rawByCode.get(k) : undefined) ?? null;
                  rawIns.run(at, 'rfid', e, null, e, -50, id);
                }
              })();
            const rd = performance.now() - r0;
            rawBusy += rd;
            for (let j = 0; j < epcs.length; j++) raw.push(rd);
            if (i % 16 === 15) await tick();
          }
          lat.push(...mgr.latencies);
          reports += mgr.latencies.length;
          persisted += seen.size;
          call('rfid.stop', { deviceId: dev.id });
          await sleep(150); // the sweep's tag event goes out; the next sweep starts clean
        }
        const scans = (sqlite.prepare('SELECT count(*) FROM scans').pluck().get() as number) - scansBefore;
        const resolved = sqlite
          .prepare(
            'SELECT resolved_by, count(*) FROM scans WHERE device_id = ? GROUP BY resolved_by ORDER BY resolved_by',
          )
          .raw()
          .all(dev.id) as [string | null, number][];
        call('devices.remove', { id: dev.id });
        await mgr.settled();
        return {
          app: figures(lat, busy),
          cpuP99: round(percentile(cpu, 99), 3),
          raw: figures(raw, rawBusy),
          scans,
          unique: persisted,
          resolved: Object.fromEntries(resolved.map(([k, v]) => [k ?? 'none', v])),
        };
      };

      t = performance.now();
      const r2k = await ingest('r2000', reportN);
      const cf = await ingest('chafon', Math.round(reportN / 2));
      const rfidMs = performance.now() - t;

      // ---- b) scanner lines ----
      const scanner = await addDevice('serial-scanner', 'bench:scanner', 'scanner', 9600);
      const lineLat: number[] = [];
      const lineRaw: number[] = [];
      const lineCpu: number[] = [];
      let lineBusy = 0;
      let lineRawBusy = 0;
      const kinds = { code: 0, serial: 0, epc: 0, unknown: 0 };
      for (let i = 0; i < lineN; i++) {
        const r = i % 20;
        const code =
          r < 12
            ? (kinds.code++, pick(assets)[1])
            : r < 15
              ? (kinds.serial++, pick(serials))
              : r < 17
                ? (kinds.epc++, pick(bound))
                : (kinds.unknown++, `UNKNOWN-${i}`);
        const line = scannerLine(code, { aim: ']C0', suffix: 'CR' });
        // A line comes in one to three reads (USB-COM usually one; 9600 baud RS-232 more).
        const cuts = [
          0,
          ...[rng.int(1, line.length - 1), rng.int(1, line.length - 1)].slice(0, rng.int(0, 2)),
        ]
          .sort((a, b) => a - b)
          .concat(line.length);
        mgr.latencies.length = 0;
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (let k = 0; k + 1 < cuts.length; k++) scanner.link.onData(line.subarray(cuts[k], cuts[k + 1]));
        lineBusy += performance.now() - t0;
        cpuOf(c0, 1, lineCpu);
        if (mgr.latencies.length !== 1) throw new Error(`line ${i}: ${mgr.latencies.length} scans`);
        lineLat.push(mgr.latencies[0]!);
        const r0 = performance.now();
        const end = line.indexOf(0x0d);
        const text = Buffer.from(line.subarray(3, end)).toString('utf8');
        sqlite.transaction(() => {
          const id = rawByCode.get(text) ?? rawBySerial.get(text) ?? rawByEpc.get(text) ?? null;
          rawIns.run(new Date().toISOString(), 'scanner', toHex(line.subarray(0, end)), text, null, null, id);
        })();
        const rd = performance.now() - r0;
        lineRaw.push(rd);
        lineRawBusy += rd;
        if (i % 16 === 15) await tick();
      }
      const lineResolved = Object.fromEntries(
        (
          sqlite
            .prepare('SELECT resolved_by, count(*) FROM scans WHERE device_id = ? GROUP BY resolved_by')
            .raw()
            .all(scanner.id) as [string | null, number][]
        ).map(([k, v]) => [k ?? 'none', v]),
      );
      const lines = {
        app: figures(lineLat, lineBusy),
        cpuP99: round(percentile(lineCpu, 99), 3),
        raw: figures(lineRaw, lineRawBusy),
      };
      call('devices.remove', { id: scanner.id });
      await mgr.settled();

      // ---- c) labels ----
      const ids = assets.slice(0, labelN).map(([id]) => id);
      t = performance.now();
      const rendered = call<{ pdf: string; pages: number }>('labels.render', { assetIds: ids });
      const labelsMs = performance.now() - t;
      if (rendered.pages !== labelN) throw new Error(`labels.render gave ${rendered.pages} pages`);
      t = performance.now();
      const rawPdf = rawLabels(sqlite, ids);
      const rawLabelsMs = performance.now() - t;

      sqlite.exec('DROP TABLE bench_scans');

      const rfidRows = (what: string, f: Awaited<ReturnType<typeof ingest>>): Row[] => [
        {
          what: `${what}: p99 per report`,
          value: f.app.p99,
          unit: 'ms',
          target: TARGETS.reportP99Ms,
          baseline: f.raw.p99,
        },
        {
          what: `${what}: reports per second`,
          value: f.app.perSec,
          unit: '/s',
          baseline: f.raw.perSec,
          note: `${f.app.n} reports, ${f.unique} tags, p50 ${f.app.p50} ms, CPU p99 ${f.cpuP99} ms; target ≥ ${TARGETS.reportsPerSec}/s`,
        },
      ];
      const rows: Row[] = [
        ...rfidRows('RFID R2000 ingest', r2k),
        ...rfidRows('RFID Chafon ingest', cf),
        {
          what: 'scanner line → resolved scan: p99',
          value: lines.app.p99,
          unit: 'ms',
          target: TARGETS.lineP99Ms,
          baseline: lines.raw.p99,
          note: `${lineN} lines, p50 ${lines.app.p50} ms (raw ${lines.raw.p50} ms), CPU p99 ${lines.cpuP99} ms`,
        },
        { what: 'scanner lines per second', value: lines.app.perSec, unit: '/s', baseline: lines.raw.perSec },
        {
          what: `labels.render, ${labelN} labels to PDF`,
          value: labelsMs,
          unit: 'ms',
          target: TARGETS.labelsMs,
          baseline: rawLabelsMs,
          note: `${kb(rendered.pdf.length * 0.75)} KB (raw ${kb(rawPdf.length)} KB)`,
        },
      ];
      console.log(
        `devices bench: ${n.toLocaleString('en')} assets (generated in ${(generateMs / 1000).toFixed(1)} s), ` +
          `load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      );
      printTable(rows);
      console.log(`R2000 resolved: ${JSON.stringify(r2k.resolved)}; Chafon: ${JSON.stringify(cf.resolved)}`);
      console.log(`scanner lines sent: ${JSON.stringify(kinds)}; resolved: ${JSON.stringify(lineResolved)}`);
      const fast = (f: Figures) => f.perSec >= TARGETS.reportsPerSec && f.p99 <= TARGETS.reportP99Ms;
      const missed = [
        !fast(r2k.app) && 'R2000 ingest',
        !fast(cf.app) && 'Chafon ingest',
        lines.app.p99 > TARGETS.lineP99Ms && 'scanner line p99',
        labelsMs > TARGETS.labelsMs && 'labels.render',
      ].filter((x): x is string => !!x);
      console.log(missed.length ? `MISS: ${missed.join(', ')}` : 'PASS');
      const result = {
        at: new Date().toISOString(),
        machine: { cpu: cpus()[0]?.model ?? '', cores: cpus().length, node: process.version },
        loadAvg1m: round(loadavg()[0] ?? 0),
        assets: n,
        targets: TARGETS,
        generateMs: round(generateMs, 0),
        rfid: { r2000: r2k, chafon: cf, ms: round(rfidMs, 0) },
        scannerLines: { ...lines, sent: kinds, resolved: lineResolved },
        labels: {
          n: labelN,
          ms: round(labelsMs, 0),
          rawMs: round(rawLabelsMs, 0),
          ratio: round(labelsMs / rawLabelsMs),
        },
        missed,
        totalSeconds: round((performance.now() - started) / 1000, 1),
      };
      saveResult(result);
      return { ...result, rows, ok: missed.length === 0 };
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      assets: { type: 'string', default: '100000' },
      reports: { type: 'string', default: '20000' },
      lines: { type: 'string', default: '5000' },
      labels: { type: 'string', default: '1000' },
    },
  });
  const r = await runDevicesBench({
    assets: Number(values.assets),
    reports: Number(values.reports),
    lines: Number(values.lines),
    labels: Number(values.labels),
  });
  process.exitCode = r.ok ? 0 : 1;
}
