// Scanners end to end: a serial scanner over a real socat pty (lines with AIM ids, split chunks,
// unplug/replug, "scan something now"), an HID POS source through the manager, device
// configuration with validation and reload, discovery with injected listers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { startCore, type Core } from '../../src/main/core';
import { ADMIN_PASSWORD, makeTempDir } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';
import { PtyHarness, hasSocat, cpuBurners } from '../sim/pty-harness';
import { HidPosSource, SimHidLink, scannerLine } from '../sim/scanners';
import { DeviceDriver, makeLink, type DeviceConfig } from '../../src/main/devices/drivers';
import type { ByteLink } from '../../src/main/devices/transport';
import { DeviceManager, deviceManagerOf } from '../../src/main/devices/manager';
import type { CoreEvent } from '../../src/main/events';
import type { ScanDto } from '../../src/main/modules/scans/contract';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import { Rng } from '../../src/main/demo/prng';

const hidSources = new Map<string, HidPosSource & { plugged?: boolean }>();
let core: Core;
let dir: string;
let admin: string;
const events: CoreEvent[] = [];
let asset: { id: number; assetCode: string };

function call<M extends MethodName>(method: M, input: InputOf<M>): ResultOf<M> {
  const r = core.dispatch({ token: admin, source: 'desktop' }, method, input);
  if (!r.ok)
    throw new Error(`${method} → ${r.error.code} ${JSON.stringify(r.error.details ?? r.error.params ?? '')}`);
  return r.data as ResultOf<M>;
}
const raw = (method: string, input: unknown) =>
  core.dispatch({ token: admin, source: 'desktop' }, method, input);

async function until<T>(what: string, fn: () => T | null | undefined | false, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const statusOf = (id: number) => call('devices.list', {}).devices.find((x) => x.id === id)?.status;

/** A serial scanner on a fresh socat pty, connected; the pty is stopped after `body` whatever happens. */
async function withPtyScanner(
  opts: { baudRate?: number },
  body: (pty: PtyHarness, dev: ResultOf<'devices.add'>) => Promise<void>,
): Promise<void> {
  const pty = new PtyHarness();
  await pty.start();
  try {
    const dev = call('devices.add', {
      kind: 'scanner',
      transport: 'serial',
      protocol: 'serial-scanner',
      path: pty.appPath,
      ...opts,
    });
    await until('connected', () => statusOf(dev.id) === 'connected');
    await body(pty, dev);
  } finally {
    await pty.stop();
  }
}

beforeAll(async () => {
  dir = makeTempDir();
  core = startCore({
    dataDir: dir,
    adminPassword: ADMIN_PASSWORD,
    autoBackup: false,
    devices: {
      // HID POS runs on a simulated report source; everything else on the real links.
      linkFactory: (cfg) =>
        cfg.transport === 'hid'
          ? (new SimHidLink(hidSources.get(cfg.path ?? '') ?? new HidPosSource()) as never)
          : makeLink(cfg),
      testTimeoutMs: 2000,
    },
  });
  const r = core.dispatch({ token: null, source: 'desktop' }, 'auth.login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  admin = (r as { data: { token: string } }).data.token;
  const fx = seedLedger(core.services.sqlite);
  asset = call('assets.create', { name: '扫码测试', categoryId: fx.cat.laptops } as never) as never;
  core.events.on((e) => events.push(e));
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('device configuration', () => {
  it('refuses a protocol the kind does not speak, a wrong transport, a missing path', () => {
    const bad = [
      { kind: 'scanner', transport: 'serial', protocol: 'r2000', path: '/dev/x' },
      { kind: 'rfid', transport: 'hid', protocol: 'r2000', path: '/dev/x' },
      { kind: 'scanner', transport: 'serial', protocol: 'serial-scanner' },
      { kind: 'printer', transport: 'tcp', protocol: 'zpl' },
    ];
    for (const input of bad)
      expect(raw('devices.add', input), JSON.stringify(input)).toMatchObject({
        error: { code: 'VALIDATION' },
      });
  });

  it('a wedge scanner needs no link: status idle; update checks the version; remove keeps its scans', async () => {
    const w = call('devices.add', {
      kind: 'scanner',
      transport: 'hid',
      protocol: 'wedge',
      options: { maxGapMs: 40 },
    });
    expect(w).toMatchObject({ name: '扫码枪', options: { maxGapMs: 40 }, version: 1 });
    await deviceManagerOf(core.services)!.settled();
    expect(statusOf(w.id)).toBe('idle');
    const scan = call('scans.submit', { code: asset.assetCode, deviceId: w.id });
    const u = call('devices.update', { id: w.id, version: 1, name: '前台扫码枪' });
    expect(u).toMatchObject({ name: '前台扫码枪', version: 2 });
    expect(raw('devices.update', { id: w.id, version: 1, name: 'x' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    call('devices.remove', { id: w.id });
    expect(call('scans.list', { limit: 5 }).rows.find((r) => r.id === scan.id)).toMatchObject({
      deviceId: null,
      assetId: asset.id,
    });
  });

  it('discovery lists HID POS and serial devices from the listers, marking configured ones', async () => {
    const m = new DeviceManager(core.services, {
      listers: {
        serial: async () => [
          { path: '/dev/ttyACM0', vendorId: '0c2e', productId: '0b61', manufacturer: 'Honeywell' },
        ],
        hid: async () => [
          { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b87, usagePage: 0x8c, product: 'Xenon' },
          { path: '/dev/hidraw4', vendorId: 0x046d, productId: 0xc31c, usagePage: 0x01, product: 'Keyboard' },
        ],
      },
    });
    await m.refreshDiscovery();
    const { discovered } = m.listDiscovered(false);
    expect(discovered.map((x) => [x.transport, x.path, x.hidPos, x.vendorId])).toEqual([
      ['hid', '/dev/hidraw3', true, 0x0c2e],
      ['hid', '/dev/hidraw4', false, 0x046d],
      ['serial', '/dev/ttyACM0', false, 0x0c2e],
    ]);
    // The real listers never throw (udevadm may be missing): devices.list still answers.
    expect(call('devices.list', { rescan: true }).devices).toBeInstanceOf(Array);
  });
});

describe('HID POS scanner through the manager', () => {
  it('reports become persisted, resolved scans; garbage reports are dropped; unplug/replug', async () => {
    const src = new HidPosSource() as HidPosSource & { plugged?: boolean };
    hidSources.set('sim-hid-1', src);
    const dev = call('devices.add', {
      kind: 'scanner',
      transport: 'hid',
      protocol: 'hid-pos',
      path: 'sim-hid-1',
    });
    await until('connected', () => statusOf(dev.id) === 'connected');
    events.length = 0;
    src.raw(new Uint8Array(64).fill(7));
    src.scan(asset.assetCode, ']C0');
    src.scan('X'.repeat(100), ']Q1', 0x73);
    const scans = await until('two scans', () => {
      const s = events.filter((e) => e.type === 'scan').map((e) => e.payload as ScanDto);
      return s.length === 2 && s;
    });
    expect(scans.map((s) => [s.code, s.symbology, s.assetId, s.source, s.deviceId])).toEqual([
      [asset.assetCode, 'code128', asset.id, 'scanner', dev.id],
      ['X'.repeat(100), 'qr', null, 'scanner', dev.id],
    ]);
    // A keyboard-mode RFID reader types a tag's EPC: bound, it resolves by the binding; a number that
    // merely looks like hex does not (its digits are not read as an ASCII or GIAI-96 EPC).
    const epc = 'E2801160600002089ACB0F01';
    call('rfid.bind', { assetId: asset.id, epc });
    events.length = 0;
    src.scan(epc.toLowerCase(), ']C0');
    src.scan('3031323334353637', ']C0');
    const typed = await until('two typed scans', () => {
      const s = events.filter((e) => e.type === 'scan').map((e) => e.payload as ScanDto);
      return s.length === 2 && s;
    });
    expect(typed.map((s) => [s.assetId, s.resolvedBy])).toEqual([
      [asset.id, 'binding'],
      [null, null],
    ]);
    src.plugged = false;
    src.emit('unplug');
    await until('reconnecting', () => statusOf(dev.id) === 'reconnecting');
    src.plugged = true;
    await until('connected again', () => statusOf(dev.id) === 'connected');
    src.scan('AFTER-REPLUG');
    await until('scan after replug', () =>
      events.some((e) => e.type === 'scan' && (e.payload as ScanDto).code === 'AFTER-REPLUG'),
    );
    call('devices.remove', { id: dev.id });
  });
});

describe('a busy process', () => {
  it('does not cut a line whose rest waited behind a long handler (timers run before pending I/O)', async () => {
    const link: ByteLink = {
      onData: () => {},
      onLost: () => {},
      open: async () => {},
      write: async () => {},
      close: async () => {},
    };
    const cfg: DeviceConfig = {
      id: 1,
      name: 'stall',
      kind: 'scanner',
      transport: 'serial',
      protocol: 'serial-scanner',
      path: 'sim',
      host: null,
      port: null,
      baudRate: 9600,
      options: {},
      station: 'local',
      enabled: true,
    };
    const codes: string[] = [];
    const noop = () => {};
    const drv = new DeviceDriver(
      cfg,
      {
        status: noop,
        scans: (s) => codes.push(...s.map((x) => x.code)),
        tags: noop,
        info: noop,
        problem: noop,
      },
      () => link,
    );
    drv.start();
    await until('open', () => drv.supervisor.connected);
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((done) =>
        setImmediate(() => {
          link.onData(Buffer.from(']C0ZC-STALL-'));
          const end = performance.now() + 150;
          while (performance.now() < end) {
            // a long synchronous handler (a big report) holds the process past the idle time
          }
          // Queued from the check phase, the rest arrives in the next loop turn, after the expired timer.
          setImmediate(() => {
            link.onData(Buffer.from(`${i}\r`));
            done();
          });
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    await drv.stop();
    expect(codes).toEqual(['ZC-STALL-0', 'ZC-STALL-1', 'ZC-STALL-2']);
  });
});

(hasSocat ? describe : describe.skip)('serial scanner over a socat pty', () => {
  it('lines with AIM ids in split and merged chunks; "scan something now"; unplug and replug', async () => {
    await withPtyScanner({ baudRate: 9600 }, async (pty, dev) => {
      events.length = 0;
      expect(call('devices.test', { id: dev.id })).toEqual({ armed: true, status: 'connected' });
      const line = scannerLine(asset.assetCode, { aim: ']C0', suffix: 'CRLF' });
      pty.write(line.subarray(0, 3));
      await new Promise((r) => setTimeout(r, 20));
      pty.write(
        Buffer.concat([line.subarray(3), scannerLine('6901234567892', { aim: ']E0', suffix: 'CR' })]),
      );
      const test = await until('device.test', () => events.find((e) => e.type === 'device.test'));
      expect(test.payload).toMatchObject({ id: dev.id, ok: true, code: asset.assetCode });
      await until('2 scans', () => events.filter((e) => e.type === 'scan').length === 2);
      const rows = call('scans.list', { limit: 2, deviceId: dev.id }).rows;
      expect(rows.map((r) => [r.code, r.aim, r.symbology, r.assetId])).toEqual([
        ['6901234567892', ']E0', 'ean-upc', null],
        [asset.assetCode, ']C0', 'code128', asset.id],
      ]);
      expect(rows[1]!.rawHex).toBe(Buffer.from(`]C0${asset.assetCode}`).toString('hex').toUpperCase());

      // Unplug mid-line: the partial line is never a scan; replug reconnects by itself.
      pty.write(Buffer.from(']C0HALF'));
      await pty.unplug();
      await until('reconnecting', () => statusOf(dev.id) === 'reconnecting');
      await pty.start();
      await until('connected again', () => statusOf(dev.id) === 'connected', 15000);
      events.length = 0;
      pty.write(scannerLine('ZC-AFTER', { aim: ']C0' }));
      const after = await until('scan after replug', () => events.find((e) => e.type === 'scan'));
      expect((after.payload as ScanDto).code).toBe('ZC-AFTER');
      expect(call('scans.list', { limit: 50 }).rows.some((r) => r.code?.includes('HALF'))).toBe(false);

      // Latency: scanner line on the wire → persisted, resolved row (p99 over 300 scans).
      const mgr = deviceManagerOf(core.services)!;
      mgr.latencies.length = 0;
      const rng = new Rng(1);
      const sent: number[] = [];
      for (let i = 0; i < 300; i++) {
        sent.push(performance.now());
        pty.write(scannerLine(i % 3 ? `ZC${rng.int(0, 1e6)}` : asset.assetCode, { aim: ']C0' }));
        await new Promise((r) => setTimeout(r, 2));
      }
      await until('300 persisted', () => mgr.latencies.length >= 300);
      const sorted = [...mgr.latencies].sort((a, b) => a - b);
      const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
      console.log(
        `serial scanner: 300 lines, chunk→committed p50 ${sorted[150]!.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
      );
      // The 5 ms target is a benchmark figure (test/bench/devices.bench.ts); here: all 300 persisted.
      expect(
        call('scans.list', { limit: 300, deviceId: dev.id }).rows.filter(
          (r) => r.code?.startsWith('ZC') || r.assetId === asset.id,
        ),
      ).toHaveLength(300);

      call('devices.remove', { id: dev.id });
      await mgr.settled();
    });
  });

  it('an unplug while lines stream in is seen under CPU load, every time (5 rounds, soft and hard)', async () => {
    // The hang-up used to be missed when it landed during a read: serialport then read 0 bytes
    // forever and never closed. Lines in flight plus busy cores make that the common case.
    const stopBurners = cpuBurners(2);
    try {
      await withPtyScanner({}, async (pty, dev) => {
        const detect: number[] = [];
        for (let round = 0; round < 5; round++) {
          for (let i = 0; i < 300; i++) pty.write(scannerLine(`LOAD-${round}-${i}`, { aim: ']C0' }));
          await new Promise((r) => setTimeout(r, 1));
          const t0 = performance.now();
          await pty.unplug({ hard: round % 2 === 1 });
          await until('reconnecting', () => statusOf(dev.id) === 'reconnecting', 10000);
          detect.push(Math.round(performance.now() - t0));
          await pty.start();
          await until('connected again', () => statusOf(dev.id) === 'connected', 15000);
          events.length = 0;
          pty.write(scannerLine(`AFTER-${round}`, { aim: ']C0' }));
          const after = await until('scan after replug', () => events.find((e) => e.type === 'scan'));
          expect((after.payload as ScanDto).code).toBe(`AFTER-${round}`);
        }
        console.log(`unplug under load seen after ${detect.join(', ')} ms`);
        call('devices.remove', { id: dev.id });
        await deviceManagerOf(core.services)!.settled();
      });
    } finally {
      await stopBurners();
    }
  });

  it('an armed test with no scan reports a timeout', async () => {
    await withPtyScanner({}, async (pty, dev) => {
      events.length = 0;
      call('devices.test', { id: dev.id });
      const ev = await until('timeout', () => events.find((e) => e.type === 'device.test'), 5000);
      expect(ev.payload).toEqual({ id: dev.id, ok: false, error: 'devices.testTimeout' });
      call('devices.remove', { id: dev.id });
      await deviceManagerOf(core.services)!.settled();
    });
  });
});
