// The app-wide scan listener: keyboard-wedge bursts are told from typing by key timing (wedge.ts,
// physical key codes, so an IME or a non-US layout cannot garble them) and recorded with
// scans.submit; committed scans from any source then go to whoever claimed them (a dialog, the RFID
// screen), or — when the core routed them to no count/acceptance target — open the asset card.
import type { ScanDto } from '../../../main/modules/scans/contract';
import type { WedgeOptions, WedgeScan } from '../../../main/devices/scanner/wedge';
import { WedgeDecoder, usChar } from '../../../main/devices/scanner/wedge';
import { call, onEvent, type ApiError } from './api';
import { router } from './router.svelte';
import { t } from './i18n/index.svelte';
import { toasts } from './toast.svelte';

/** Value of an input before a key landed in it, to take a scan back out of the field. */
interface Snapshot {
  t: number;
  el: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  start: number | null;
  end: number | null;
}

type Claim = (scan: ScanDto) => void;

const TERMINATORS = new Set(['Enter', 'NumpadEnter', 'Tab']);
/** A sweep can report many tags at once: find mode opens at most one card in this time. */
const FIND_THROTTLE_MS = 1500;

function editable(el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return ['text', 'search', 'password', 'email', 'tel', 'url', 'number', ''].includes(el.type);
}

class Scanner {
  /** Set by the shell: the signed-in user may submit scans. */
  enabled = $state(false);
  /** The last committed scan this window heard of (shown by ScanField and the status line). */
  last = $state<ScanDto | null>(null);
  lastError = $state<ApiError | null>(null);
  /** A configured keyboard-wedge device: its thresholds and id are used for wedge scans. */
  wedgeDeviceId = $state<number | null>(null);
  options = $state<WedgeOptions>(new WedgeDecoder().opts);

  #decoder = new WedgeDecoder();
  #snaps: Snapshot[] = [];
  #idle: ReturnType<typeof setTimeout> | undefined;
  #claims: Claim[] = [];
  #handled = new Set<number>();
  #lastFind = 0;
  #started = false;

  /** Installs the listeners once (the shell calls it at start). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    // Capture phase: the burst's Enter is stopped before a form or a dialog sees it.
    window.addEventListener('keydown', this.#keydown, true);
    onEvent((e) => {
      if (e.type !== 'scan' || !this.enabled) return;
      const row = e.payload as ScanDto;
      // Wedge and typed scans are answered to the window that typed them (by scans.submit).
      if (row.source === 'wedge' || row.source === 'manual') return;
      this.#deliver(row);
    });
  }

  /** Uses a configured wedge device's thresholds (devices.options), else the reference defaults. */
  configure(deviceId: number | null, opts: Partial<WedgeOptions>): void {
    this.wedgeDeviceId = deviceId;
    this.#decoder = new WedgeDecoder(opts);
    this.options = this.#decoder.opts;
  }

  /** Picks up the first enabled keyboard-wedge scanner configured for this station, if any. */
  async loadConfig(): Promise<void> {
    const r = await call('devices.list', { rescan: false });
    if (!r.ok) return;
    const d = r.data.devices.find(
      (x) => x.protocol === 'wedge' && x.kind === 'scanner' && x.enabled && x.station === 'local',
    );
    this.configure(d?.id ?? null, d?.options ?? {});
  }

  /**
   * Routes committed scans to `fn` instead of find mode until the returned release is called; the
   * newest claim wins (a test dialog over the devices screen).
   */
  claim(fn: Claim): () => void {
    this.#claims.push(fn);
    return () => {
      const i = this.#claims.lastIndexOf(fn);
      if (i >= 0) this.#claims.splice(i, 1);
    };
  }

  /** Records a scan (wedge burst or the scan field) and routes the committed result. */
  async submit(
    code: string,
    extra: {
      aim?: string | null;
      symbology?: string | null;
      keys?: string;
      source?: 'wedge' | 'manual';
    } = {},
  ): Promise<ScanDto | null> {
    const r = await call('scans.submit', {
      code,
      aim: extra.aim ?? undefined,
      symbology: extra.symbology ?? undefined,
      keys: extra.keys,
      source: extra.source ?? 'wedge',
      deviceId: this.wedgeDeviceId ?? undefined,
    });
    if (!r.ok) {
      this.lastError = r.error;
      return null;
    }
    this.lastError = null;
    this.#deliver(r.data);
    return r.data;
  }

  #deliver(row: ScanDto): void {
    if (this.#handled.has(row.id)) return;
    this.#handled.add(row.id);
    if (this.#handled.size > 500) this.#handled = new Set([...this.#handled].slice(-200));
    this.last = row;
    const claim = this.#claims[this.#claims.length - 1];
    if (claim) return claim(row);
    // A count or acceptance session took it: its screen shows it.
    if (row.target !== 'find') return;
    if (row.assetId === null) {
      // A sweep's unknown tags are the RFID screen's business; a barcode nobody knows is said.
      if (row.source !== 'rfid') toasts.show('info', t('scan.notFound', { code: row.code ?? '' }));
      return;
    }
    const now = performance.now();
    if (row.source === 'rfid' && now - this.#lastFind < FIND_THROTTLE_MS) return;
    this.#lastFind = now;
    router.go(`#/assets/${row.assetId}`);
  }

  #keydown = (e: KeyboardEvent): void => {
    if (!this.enabled) return;
    const target = e.target as HTMLElement | null;
    // The dedicated scan field reads its own keys.
    if (target?.closest?.('[data-scan-field]')) return;
    const t = e.timeStamp;
    if (editable(target) && !e.repeat && usChar(e.code, e.shiftKey) !== null) {
      this.#snaps.push({
        t,
        el: target,
        value: target.value,
        start: target.selectionStart,
        end: target.selectionEnd,
      });
      if (this.#snaps.length > 200) this.#snaps.splice(0, this.#snaps.length - 200);
    }
    const scans = this.#decoder.push({
      code: e.code,
      shift: e.shiftKey,
      t,
      repeat: e.repeat,
      alt: e.altKey,
      ctrl: e.ctrlKey,
      meta: e.metaKey,
    });
    if (scans.length && TERMINATORS.has(e.code)) {
      // The suffix of a scan must not submit a form or move the focus.
      e.preventDefault();
      e.stopPropagation();
    }
    for (const s of scans) this.#take(s);
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      for (const s of this.#decoder.flush(performance.now())) this.#take(s);
    }, this.#decoder.opts.idleMs + 5);
  };

  #take(s: WedgeScan): void {
    this.#unType(s.start, s.end);
    void this.submit(s.code, { aim: s.aim, symbology: s.symbology, keys: s.keys, source: 'wedge' });
  }

  /** A burst that landed in a text field is taken back out: the field shows what the user typed. */
  #unType(start: number, end: number): void {
    const i = this.#snaps.findIndex((s) => s.t === start);
    if (i >= 0) {
      const s = this.#snaps[i]!;
      if (s.el.isConnected && s.el.value !== s.value) {
        s.el.value = s.value;
        if (s.start !== null && s.end !== null) s.el.setSelectionRange(s.start, s.end);
        // Bound state (Svelte's oninput / bind:value) follows the restored value.
        s.el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    this.#snaps = this.#snaps.filter((s) => s.t > end);
  }
}

export const scanner = new Scanner();
