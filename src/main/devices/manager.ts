// The device manager: runs every enabled device of this station, keeps their links up, persists
// their scans (committed before any event), de-duplicates RFID sweeps, and discovers HID/serial
// devices in the background. Started and stopped by the core.
import type { CoreServices } from '../api/context';
import { commitScans, type ScanInput } from '../modules/scans/record';
import type { DeviceDto, DeviceStatus, DiscoveredDevice, SweepTag } from '../modules/devices/contract';
import { DeviceDriver, type DeviceConfig } from './drivers';
import type { ByteLink, LinkStatus } from './transport';
import type { ReaderInfo, TagReport } from './rfid/reader';
import type { DecodedScan } from './scanner/serial-lines';
import { defaultListers, discover, type DiscoveryListers } from './discovery';
import { loadDeviceConfigs } from './config';

export interface DeviceManagerOptions {
  /** Injected in tests (serialport's list() spawns udevadm, which CI may lack). */
  listers?: Partial<DiscoveryListers>;
  linkFactory?: (cfg: DeviceConfig) => ByteLink;
  /** Only devices of this station run here; default 'local'. */
  station?: string;
  /** Test: after how long an armed test gives up (ms). */
  testTimeoutMs?: number;
}

interface Sweep {
  running: boolean;
  reports: number;
  tags: Map<string, SweepTag>;
  dirty: Set<string>;
  timer: NodeJS.Timeout | null;
}

interface Running {
  cfg: DeviceConfig;
  driver: DeviceDriver | null;
  status: DeviceStatus;
  error: string | null;
  info: ReaderInfo | null;
  sweep: Sweep;
  testTimer: NodeJS.Timeout | null;
}

const TAG_EVENT_MS = 100;
const LATENCY_RING = 20000;

export class DeviceManager {
  private running = new Map<number, Running>();
  private discovered: DiscoveredDevice[] = [];
  private discoveredAt: string | null = null;
  private discovering: Promise<void> | null = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly listers: DiscoveryListers;
  readonly station: string;
  /** The user who last drove devices from this station; device-originated scans carry them. */
  operatorId: number | null = null;
  /** Per-report latency (ms) from chunk arrival to committed row, newest last. */
  readonly latencies: number[] = [];

  constructor(
    private readonly core: CoreServices,
    private readonly opts: DeviceManagerOptions = {},
  ) {
    this.listers = { ...defaultListers, ...opts.listers };
    this.station = opts.station ?? 'local';
  }

  start(): void {
    // Configuration changes are committed before their event, so reloading then reads the truth.
    this.unsubscribe = this.core.events.on((e) => {
      if (e.type === 'device.changed') this.enqueue(() => this.reload((e.payload as { id: number }).id));
    });
    for (const cfg of loadDeviceConfigs(this.core.sqlite)) if (cfg.station === this.station) this.launch(cfg);
    // Discovery waits for the first devices.list: SerialPort.list() spawns udevadm on Linux.
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.queue;
    await Promise.all([...this.running.keys()].map((id) => this.halt(id)));
  }

  /** Serialises configuration reloads so a quick add → update → remove cannot interleave. */
  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch((err) => console.error('[devices] reload failed', err));
  }

  /** Resolves when pending configuration reloads are done (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async reload(id: number): Promise<void> {
    await this.halt(id);
    if (this.stopped) return;
    const cfg = loadDeviceConfigs(this.core.sqlite, id)[0];
    if (cfg && cfg.station === this.station) this.launch(cfg);
  }

  private async halt(id: number): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    if (r.sweep.timer) clearTimeout(r.sweep.timer);
    if (r.testTimer) clearTimeout(r.testTimer);
    await r.driver?.stop();
  }

  private launch(cfg: DeviceConfig): void {
    const live = cfg.enabled && ['serial', 'hid', 'tcp'].includes(cfg.transport) && cfg.protocol !== 'wedge';
    const canDrive = ['serial-scanner', 'hid-pos', 'r2000', 'chafon'].includes(cfg.protocol);
    const r: Running = {
      cfg,
      driver: null,
      status: !cfg.enabled ? 'disabled' : live && canDrive ? 'connecting' : 'idle',
      error: null,
      info: null,
      sweep: { running: false, reports: 0, tags: new Map(), dirty: new Set(), timer: null },
      testTimer: null,
    };
    this.running.set(cfg.id, r);
    if (!live || !canDrive) return;
    r.driver = new DeviceDriver(
      cfg,
      {
        status: (s, e) => this.onStatus(r, s, e),
        scans: (scans, t0) => this.onScans(r, scans, t0),
        tags: (reports, t0) => this.onTags(r, reports, t0),
        info: (info) => this.onInfo(r, info),
        problem: (name) => this.emit('device.status', { id: cfg.id, status: r.status, problem: name }),
      },
      this.opts.linkFactory,
    );
    r.driver.start();
  }

  private emit(type: string, payload: unknown): void {
    this.core.events.emit({ type, payload });
  }

  private onStatus(r: Running, s: LinkStatus, error: string | null): void {
    if (s === 'stopped' || !this.running.has(r.cfg.id)) return;
    r.status = s;
    r.error = error;
    this.emit('device.status', { id: r.cfg.id, status: s, error });
  }

  private onInfo(r: Running, info: ReaderInfo): void {
    r.info = info;
    this.emit('device.status', { id: r.cfg.id, status: r.status, info: this.infoDto(r) });
    if (r.testTimer) this.finishTest(r, { ok: true, info: this.infoDto(r) });
  }

  private onScans(r: Running, scans: DecodedScan[], t0: number): void {
    const at = this.core.now().toISOString();
    const inputs: ScanInput[] = scans.map((s) => ({
      at,
      deviceId: r.cfg.id,
      source: 'scanner',
      userId: this.operatorId,
      station: r.cfg.station,
      rawHex: s.rawHex,
      code: s.code,
      symbology: s.symbology,
      aim: s.aim,
    }));
    const rows = this.persist(inputs, scans.length, t0);
    if (r.testTimer && rows.length)
      this.finishTest(r, { ok: true, code: rows[0]!.code, scanId: rows[0]!.id });
  }

  private onTags(r: Running, reports: TagReport[], t0: number): void {
    const sw = r.sweep;
    const at = this.core.now().toISOString();
    const fresh: ScanInput[] = [];
    for (const rep of reports) {
      sw.reports++;
      const seen = sw.tags.get(rep.epc);
      if (seen) {
        seen.count++;
        seen.rssi = rep.rssi ?? seen.rssi;
        seen.antenna = rep.antenna ?? seen.antenna;
        seen.lastAt = at;
      } else {
        sw.tags.set(rep.epc, {
          epc: rep.epc,
          count: 1,
          rssi: rep.rssi,
          antenna: rep.antenna,
          assetId: null,
          assetCode: null,
          resolvedBy: null,
          firstAt: at,
          lastAt: at,
        });
        fresh.push({
          at,
          deviceId: r.cfg.id,
          source: 'rfid',
          userId: this.operatorId,
          station: r.cfg.station,
          rawHex: rep.epc,
          epc: rep.epc,
          rssi: rep.rssi,
        });
      }
      sw.dirty.add(rep.epc);
    }
    const rows = this.persist(fresh, reports.length, t0);
    for (const row of rows) {
      const t = sw.tags.get(row.epc!)!;
      t.assetId = row.assetId;
      t.assetCode = row.assetCode;
      t.resolvedBy = row.resolvedBy;
    }
    if (r.testTimer && reports.length) this.finishTest(r, { ok: true, epc: reports[0]!.epc });
    if (!sw.timer) sw.timer = setTimeout(() => this.flushTagEvent(r), TAG_EVENT_MS);
  }

  /** Writes the batch in one transaction, events after commit; records latency for every report. */
  private persist(inputs: ScanInput[], reports: number, t0: number) {
    let rows: ReturnType<typeof commitScans> = [];
    try {
      rows = commitScans(this.core.sqlite, this.core.events, inputs);
    } catch (err) {
      // A closed database (shutdown) or a full disk: the scan is lost, say so loudly.
      console.error('[devices] could not persist scans', err);
      return rows;
    }
    const ms = performance.now() - t0;
    for (let i = 0; i < reports; i++) this.latencies.push(ms);
    if (this.latencies.length > LATENCY_RING) this.latencies.splice(0, this.latencies.length - LATENCY_RING);
    return rows;
  }

  private flushTagEvent(r: Running): void {
    const sw = r.sweep;
    sw.timer = null;
    if (!sw.dirty.size) return;
    const tags = [...sw.dirty].map((epc) => sw.tags.get(epc)!);
    sw.dirty.clear();
    this.emit('tag', { deviceId: r.cfg.id, tags, unique: sw.tags.size, reports: sw.reports });
  }

  private finishTest(r: Running, result: Record<string, unknown>): void {
    if (r.testTimer) clearTimeout(r.testTimer);
    r.testTimer = null;
    this.emit('device.test', { id: r.cfg.id, ...result });
  }

  private infoDto(r: Running): DeviceDto['info'] {
    return r.info ? { firmware: r.info.firmware, powerDbm: r.info.powerDbm, address: r.info.address } : null;
  }

  // ---- what handlers ask (synchronous; long work continues in the background) ----

  statusOf(id: number): { status: DeviceStatus; error: string | null; info: DeviceDto['info'] } {
    const r = this.running.get(id);
    if (!r) return { status: 'disabled', error: null, info: null };
    return { status: r.status, error: r.error, info: this.infoDto(r) };
  }

  listDiscovered(rescan: boolean): { discovered: DiscoveredDevice[]; discoveredAt: string | null } {
    const stale = !this.discoveredAt || Date.now() - Date.parse(this.discoveredAt) > 5000;
    if (rescan || stale) void this.refreshDiscovery();
    return { discovered: this.discovered, discoveredAt: this.discoveredAt };
  }

  refreshDiscovery(): Promise<void> {
    if (this.discovering) return this.discovering;
    this.discovering = (async () => {
      const configured = new Map<string, number>();
      for (const r of this.running.values()) if (r.cfg.path) configured.set(r.cfg.path, r.cfg.id);
      this.discovered = await discover(this.listers, configured);
      this.discoveredAt = new Date().toISOString();
      this.discovering = null;
    })();
    return this.discovering;
  }

  arm(id: number, userId: number | null): DeviceStatus {
    const r = this.running.get(id);
    if (userId !== null) this.operatorId = userId;
    if (!r) return 'disabled';
    if (r.testTimer) clearTimeout(r.testTimer);
    r.testTimer = setTimeout(
      () => this.finishTest(r, { ok: false, error: 'devices.testTimeout' }),
      this.opts.testTimeoutMs ?? 30000,
    );
    // A reader proves itself by answering; a scanner waits for "scan something now".
    if (r.driver?.reader && r.driver.supervisor.connected) r.driver.reader.connected();
    return r.status;
  }

  private reader(id: number) {
    const r = this.running.get(id);
    return r?.driver?.reader ? { r, reader: r.driver.reader } : null;
  }

  isReader(id: number): boolean {
    return this.reader(id) !== null;
  }

  startInventory(id: number, userId: number | null): boolean {
    const x = this.reader(id);
    if (!x) return false;
    if (userId !== null) this.operatorId = userId;
    const sw = x.r.sweep;
    if (!x.reader.inventoryRunning) {
      sw.tags.clear();
      sw.dirty.clear();
      sw.reports = 0;
    }
    sw.running = true;
    x.reader.startInventory();
    return true;
  }

  stopInventory(id: number): number {
    const x = this.reader(id);
    if (!x) return 0;
    x.r.sweep.running = false;
    x.reader.stopInventory();
    return x.r.sweep.tags.size;
  }

  /**
   * A tag bound to an asset while a sweep holds it: the sweep's de-duplicated entry resolves to the
   * asset from now on (it was resolved once, when first seen), and goes out in the next tag event.
   */
  noteBinding(epc: string, assetId: number, assetCode: string): void {
    for (const r of this.running.values()) {
      const t = r.sweep.tags.get(epc);
      if (!t) continue;
      t.assetId = assetId;
      t.assetCode = assetCode;
      t.resolvedBy = 'binding';
      r.sweep.dirty.add(epc);
    }
  }

  sweep(id: number): { running: boolean; reports: number; tags: SweepTag[] } {
    const r = this.running.get(id);
    if (!r) return { running: false, reports: 0, tags: [] };
    return { running: r.sweep.running, reports: r.sweep.reports, tags: [...r.sweep.tags.values()] };
  }

  setPower(id: number, dbm: number): boolean {
    const x = this.reader(id);
    if (!x) return false;
    x.reader.setPower(dbm).then(
      () => this.emit('device.status', { id, status: x.r.status, info: this.infoDto(x.r) }),
      (err: Error) => this.emit('device.status', { id, status: x.r.status, problem: err.message }),
    );
    return true;
  }

  writeEpc(id: number, epc: string): boolean {
    const x = this.reader(id);
    if (!x) return false;
    x.reader.writeEpc(epc).then(
      () => this.emit('rfid.written', { deviceId: id, epc, ok: true }),
      (err: Error) => this.emit('rfid.written', { deviceId: id, epc, ok: false, error: err.message }),
    );
    return true;
  }
}

const managers = new WeakMap<CoreServices, DeviceManager>();

export function attachDeviceManager(core: CoreServices, manager: DeviceManager): void {
  managers.set(core, manager);
}

export function deviceManagerOf(core: CoreServices): DeviceManager | null {
  return managers.get(core) ?? null;
}
