// RFID readers end to end over real ptys: simulator ⇄ socat ⇄ SerialPort → codec → device manager →
// de-duplicated sweep → scans persisted → events. Unplug/replug, garbage and bad checksums included.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';
import { PtyHarness, hasSocat, cpuBurners } from '../sim/pty-harness';
import { R2000Sim, type SimTag } from '../sim/r2000-sim';
import { ChafonSim } from '../sim/chafon-sim';
import { encodeAsciiEpc } from '../../src/main/devices/rfid/epc';
import { deviceManagerOf } from '../../src/main/devices/manager';
import type { CoreEvent } from '../../src/main/events';
import type { ScanDto } from '../../src/main/modules/scans/contract';
import { Rng } from '../../src/main/demo/prng';
import { toHex } from '../../src/main/devices/bytes';

if (!hasSocat)
  console.warn('socat is missing: pty device tests skipped (scripts/install-deps.sh installs it)');
const d = hasSocat ? describe : describe.skip;

let t: TestCore;
let pty: PtyHarness;
const events: CoreEvent[] = [];
let assetCodes: { id: number; assetCode: string }[] = [];

async function until<T>(what: string, fn: () => T | null | undefined | false, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function randomTags(n: number, rng: Rng): SimTag[] {
  return Array.from({ length: n }, () => ({
    epc: toHex(new Uint8Array(12).map(() => rng.int(0, 255))),
    rssiDbm: -rng.int(35, 75),
  }));
}

const statusOf = (id: number) =>
  t.call(t.adminToken, 'devices.list', {}).devices.find((x) => x.id === id)?.status;
/** Reader info once the manager has the device (it loads after the add commits) and it answered. */
const infoOf = (id: number) => {
  const r = t.raw(t.adminToken, 'rfid.info', { deviceId: id });
  return r.ok ? (r.data as { info: { firmware: string | null } | null }).info?.firmware : null;
};
const scanCount = () =>
  (t.core.services.sqlite.prepare('SELECT count(*) n FROM scans').get() as { n: number }).n;

beforeAll(async () => {
  t = startTestCore();
  const fx = seedLedger(t.core.services.sqlite);
  assetCodes = [0, 1, 2].map((i) =>
    t.call(t.adminToken, 'assets.create', { name: `RFID资产${i}`, categoryId: fx.cat.laptops } as never),
  );
  t.core.events.on((e) => events.push(e));
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await pty?.stop();
});

d('R2000 reader over a socat pty', () => {
  it('connects, reads info, sweeps hundreds of tags with duplicates and garbage, persists each tag once', async () => {
    pty = new PtyHarness();
    await pty.start();
    const sim = new R2000Sim((b) => pty.write(b));
    pty.onHostBytes = (b) => sim.onHostBytes(b);
    const rng = new Rng(99);
    sim.field = [{ epc: encodeAsciiEpc(assetCodes[0]!.assetCode), rssiDbm: -40 }, ...randomTags(299, rng)];
    sim.readsPerRound = 3;
    sim.faults = { garbage: 0.05, badChecksum: 0.02 };

    const dev = t.call(t.adminToken, 'devices.add', {
      name: 'R2000 desk reader',
      kind: 'rfid',
      transport: 'serial',
      protocol: 'r2000',
      path: pty.appPath,
      baudRate: 115200,
    });
    await until('connected', () => statusOf(dev.id) === 'connected');
    const info = await until('reader info', () => infoOf(dev.id));
    expect(info).toBe('1.8');
    // Power comes in its own reply, right after the firmware one.
    await until('power', () => t.call(t.adminToken, 'rfid.info', { deviceId: dev.id }).info?.powerDbm === 30);
    expect(t.call(t.adminToken, 'rfid.info', { deviceId: dev.id }).info).toMatchObject({
      address: 1,
      powerDbm: 30,
    });

    const before = scanCount();
    events.length = 0;
    t.call(t.adminToken, 'rfid.start', { deviceId: dev.id });
    await until(
      '300 unique tags',
      () => t.call(t.adminToken, 'rfid.sweep', { deviceId: dev.id }).tags.length === 300,
    );
    const sweep = t.call(t.adminToken, 'rfid.sweep', { deviceId: dev.id });
    // Duplicates counted, not stored: every tag was read several times, but one row each.
    expect(sweep.reports).toBeGreaterThan(600);
    expect(scanCount() - before).toBe(300);
    const mine = sweep.tags.find((x) => x.epc === sim.field[0]!.epc)!;
    expect(mine).toMatchObject({ assetId: assetCodes[0]!.id, resolvedBy: 'epc-ascii' });
    expect(mine.count).toBeGreaterThanOrEqual(3);
    expect(mine.rssi).toBeGreaterThanOrEqual(-43);
    const scanEvents = events.filter((e) => e.type === 'scan').map((e) => e.payload as ScanDto);
    expect(new Set(scanEvents.map((s) => s.epc)).size).toBe(300);
    // Live counts arrive as throttled 'tag' events (at most one per 100 ms per reader).
    const tagEvent = await until('tag event', () => events.find((e) => e.type === 'tag'));
    expect(tagEvent.payload).toMatchObject({ deviceId: dev.id });
    expect(sim.sent.corrupted).toBeGreaterThan(0);

    const stopped = t.call(t.adminToken, 'rfid.stop', { deviceId: dev.id });
    expect(stopped).toEqual({ running: false, tags: 300 });
    t.call(t.adminToken, 'devices.remove', { id: dev.id });
    await deviceManagerOf(t.core.services)!.settled();
  });

  it('unplug mid-sweep under CPU load: status says reconnecting, replug resumes the sweep by itself', async () => {
    pty = new PtyHarness();
    await pty.start();
    let sim = new R2000Sim((b) => pty.write(b));
    pty.onHostBytes = (b) => sim.onHostBytes(b);
    const rng = new Rng(5);
    const first = randomTags(20, rng);
    sim.field = first;
    const dev = t.call(t.adminToken, 'devices.add', {
      kind: 'rfid',
      transport: 'serial',
      protocol: 'r2000',
      path: pty.appPath,
    });
    await until('connected', () => statusOf(dev.id) === 'connected');
    t.call(t.adminToken, 'rfid.start', { deviceId: dev.id });
    await until(
      'first tags',
      () => t.call(t.adminToken, 'rfid.sweep', { deviceId: dev.id }).tags.length === 20,
    );

    // Unplugged while frames stream in and the cores are busy: the case serialport alone missed
    // (a hang-up during a read leaves it reading 0 bytes forever); the link's watch must see it.
    events.length = 0;
    const stopBurners = cpuBurners(2);
    const unpluggedAt = performance.now();
    let detectMs: number;
    try {
      await pty.unplug();
      await until('reconnecting', () => statusOf(dev.id) === 'reconnecting', 10000);
      detectMs = performance.now() - unpluggedAt;
    } finally {
      await stopBurners();
    }
    expect(
      events.some(
        (e) => e.type === 'device.status' && (e.payload as { status: string }).status === 'reconnecting',
      ),
    ).toBe(true);

    // Replug: a fresh reader (power-cycled) with more tags in the field.
    await pty.start();
    sim = new R2000Sim((b) => pty.write(b));
    pty.onHostBytes = (b) => sim.onHostBytes(b);
    sim.field = [...first, ...randomTags(10, rng)];
    const replugAt = performance.now();
    await until('connected again', () => statusOf(dev.id) === 'connected');
    await until(
      'sweep resumed',
      () => t.call(t.adminToken, 'rfid.sweep', { deviceId: dev.id }).tags.length === 30,
    );
    console.log(
      `unplug detected in ${detectMs.toFixed(0)} ms; sweep resumed ${(performance.now() - replugAt).toFixed(0)} ms after replug`,
    );
    t.call(t.adminToken, 'rfid.stop', { deviceId: dev.id });
    t.call(t.adminToken, 'devices.remove', { id: dev.id });
    await deviceManagerOf(t.core.services)!.settled();
  });

  it('set power and write EPC (then bound to the asset); antenna-missing is reported in plain words', async () => {
    pty = new PtyHarness();
    await pty.start();
    const sim = new R2000Sim((b) => pty.write(b));
    pty.onHostBytes = (b) => sim.onHostBytes(b);
    sim.field = [{ epc: 'E2000000000000000000AAAA', rssiDbm: -50 }];
    const dev = t.call(t.adminToken, 'devices.add', {
      kind: 'rfid',
      transport: 'serial',
      protocol: 'r2000',
      path: pty.appPath,
    });
    await until('info', () => infoOf(dev.id));
    events.length = 0;
    t.call(t.adminToken, 'rfid.power', { deviceId: dev.id, dbm: 26 });
    await until(
      'power applied',
      () =>
        sim.power[0] === 26 && t.call(t.adminToken, 'rfid.info', { deviceId: dev.id }).info?.powerDbm === 26,
    );

    const w = t.call(t.adminToken, 'rfid.writeEpc', {
      deviceId: dev.id,
      assetId: assetCodes[1]!.id,
      format: 'ascii',
    });
    expect(w.epc).toBe(encodeAsciiEpc(assetCodes[1]!.assetCode));
    const written = await until('rfid.written', () => events.find((e) => e.type === 'rfid.written'));
    expect(written.payload).toMatchObject({ ok: true, epc: w.epc });
    expect(sim.field[0]!.epc).toBe(w.epc);

    sim.faults.antennaMissing = true;
    t.call(t.adminToken, 'rfid.start', { deviceId: dev.id });
    const problem = await until('antenna problem', () =>
      events.find((e) => e.type === 'device.status' && (e.payload as { problem?: string }).problem),
    );
    expect(problem.payload).toMatchObject({ id: dev.id, problem: 'antennaMissing' });
    t.call(t.adminToken, 'rfid.stop', { deviceId: dev.id });
    t.call(t.adminToken, 'devices.remove', { id: dev.id });
    await deviceManagerOf(t.core.services)!.settled();
  });

  it('20k tag reports through pty, codec, de-duplication, resolution and persistence: each tag once', async () => {
    pty = new PtyHarness();
    await pty.start();
    const sim = new R2000Sim((b) => pty.write(b));
    pty.onHostBytes = (b) => sim.onHostBytes(b);
    sim.field = randomTags(500, new Rng(1234));
    sim.readsPerRound = 4;
    const dev = t.call(t.adminToken, 'devices.add', {
      kind: 'rfid',
      transport: 'serial',
      protocol: 'r2000',
      path: pty.appPath,
    });
    await until('connected', () => statusOf(dev.id) === 'connected');
    const mgr = deviceManagerOf(t.core.services)!;
    mgr.latencies.length = 0;
    const scansBefore = scanCount();
    const t0 = performance.now();
    t.call(t.adminToken, 'rfid.start', { deviceId: dev.id });
    await until(
      '20k reports',
      () => t.call(t.adminToken, 'rfid.sweep', { deviceId: dev.id }).reports >= 20000,
      30000,
    );
    const secs = (performance.now() - t0) / 1000;
    const sweep = t.call(t.adminToken, 'rfid.stop', { deviceId: dev.id });
    const reports = mgr.latencies.length;
    const sorted = [...mgr.latencies].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
    console.log(
      `r2000 ingest: ${reports} reports in ${secs.toFixed(2)} s = ${(reports / secs).toFixed(0)}/s, ` +
        `${sweep.tags} unique, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
    );
    // Rates and latencies are benchmark figures (test/bench/devices.bench.ts), not asserted here: a
    // loaded machine would fail them. What must hold: every tag once, every report accounted for.
    expect(sweep.tags).toBe(500);
    expect(scanCount() - scansBefore).toBe(500);
    t.call(t.adminToken, 'devices.remove', { id: dev.id });
    await mgr.settled();
  });
});

d('Chafon reader over a socat pty', () => {
  it('multi-frame inventory bursts with CRC errors: every tag found once; info and power', async () => {
    pty = new PtyHarness();
    await pty.start();
    const sim = new ChafonSim((b) => pty.write(b));
    pty.onHostBytes = (b) => sim.onHostBytes(b);
    sim.field = [
      { epc: encodeAsciiEpc(assetCodes[2]!.assetCode), rssiDbm: -45 },
      ...randomTags(149, new Rng(3)),
    ];
    sim.faults = { badCrc: 0.05, garbage: 0.05 };
    const dev = t.call(t.adminToken, 'devices.add', {
      kind: 'rfid',
      transport: 'serial',
      protocol: 'chafon',
      path: pty.appPath,
      baudRate: 57600,
    });
    await until('info', () => infoOf(dev.id));
    expect(t.call(t.adminToken, 'rfid.info', { deviceId: dev.id }).info).toMatchObject({
      firmware: '3.1',
      address: 0,
      powerDbm: 30,
    });
    const before = scanCount();
    t.call(t.adminToken, 'rfid.start', { deviceId: dev.id });
    await until(
      '150 tags',
      () => t.call(t.adminToken, 'rfid.sweep', { deviceId: dev.id }).tags.length === 150,
    );
    expect(scanCount() - before).toBe(150);
    const tag = t
      .call(t.adminToken, 'rfid.sweep', { deviceId: dev.id })
      .tags.find((x) => x.epc === sim.field[0]!.epc);
    expect(tag).toMatchObject({ assetId: assetCodes[2]!.id, resolvedBy: 'epc-ascii', rssi: null });
    expect(sim.sent.corrupted).toBeGreaterThan(0);
    t.call(t.adminToken, 'rfid.stop', { deviceId: dev.id });
    // The reader ignores bytes while busy: power waits for the running round to end.
    t.call(t.adminToken, 'rfid.power', { deviceId: dev.id, dbm: 20 });
    await until('power applied', () => sim.power === 20);
    t.call(t.adminToken, 'devices.remove', { id: dev.id });
    await deviceManagerOf(t.core.services)!.settled();
  });
});
