// Page object for the devices screen (#/devices), its configure dialog and its test dialog.
import { expect, type Locator, type Page } from '@playwright/test';
import { goHash } from './dialogs';

export class DevicesPage {
  readonly screen: Locator;
  readonly configured: Locator;
  readonly discovered: Locator;
  readonly dialog: Locator;
  readonly test: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('devices-screen');
    this.configured = page.getByTestId('device-list');
    this.discovered = page.getByTestId('discovered-list');
    this.dialog = page.getByTestId('device-dialog');
    this.test = page.getByTestId('device-test');
  }

  async open(): Promise<void> {
    await goHash(this.page, '#/devices');
    await expect(this.screen).toBeVisible();
  }

  /** Adds a device through the configure dialog; kind and protocol by value, name typed. */
  async add(v: { name: string; kind: string; protocol: string }): Promise<void> {
    await this.page.getByTestId('add-device').click();
    await this.dialog.locator('#dev-name').fill(v.name);
    await this.dialog.locator('#dev-kind').selectOption(v.kind);
    await this.dialog.locator('#dev-protocol').selectOption(v.protocol);
    await this.save();
  }

  /** Saves the configure dialog; it stays in the page (closed), so wait until it is hidden. */
  async save(): Promise<void> {
    await this.dialog.getByTestId('dialog-save').click();
    await expect(this.dialog.locator('.banner.error, .field-error')).toHaveCount(0);
    await expect(this.dialog).toBeHidden();
  }

  /** Adds a device found on this PC, keeping the proposed settings. */
  async addDiscovered(pathText: string): Promise<void> {
    await this.discovered.locator('tr', { hasText: pathText }).getByTestId('add-discovered').click();
    await this.save();
  }

  row(name: string): Locator {
    return this.configured.locator('tr', { hasText: name });
  }

  status(name: string): Locator {
    return this.row(name).getByTestId('device-status');
  }
}

const US_KEYS: Record<string, [code: string, vk: number]> = {
  '-': ['Minus', 189],
  '.': ['Period', 190],
  '/': ['Slash', 191],
  ' ': ['Space', 32],
};

/**
 * A keyboard-wedge scanner: every character as a physical key press (KeyboardEvent.code, Shift for
 * capitals) stamped `gapMs` apart with the hardware timestamp the page sees as event.timeStamp,
 * then Enter. Sent through CDP rather than page.keyboard.type, whose per-key round trip on a busy
 * machine stalls for 100+ ms now and then (measured), which a real scanner never does.
 */
export async function wedgeScan(page: Page, text: string, gapMs = 8): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  const sends: Promise<unknown>[] = [];
  [...text, '\r'].forEach((ch, i) => {
    let code: string;
    let vk: number;
    let shift = false;
    if (ch === '\r') [code, vk] = ['Enter', 13];
    else if (/[a-zA-Z]/.test(ch)) {
      [code, vk] = [`Key${ch.toUpperCase()}`, ch.toUpperCase().charCodeAt(0)];
      shift = ch !== ch.toLowerCase();
    } else if (/\d/.test(ch)) [code, vk] = [`Digit${ch}`, ch.charCodeAt(0)];
    else if (US_KEYS[ch]) [code, vk] = US_KEYS[ch];
    else throw new Error(`wedgeScan: no US key for ${JSON.stringify(ch)}`);
    const key = ch === '\r' ? 'Enter' : ch;
    const base = {
      modifiers: shift ? 8 : 0,
      code,
      key,
      windowsVirtualKeyCode: vk,
      timestamp: t0 + (i * gapMs) / 1000,
    };
    sends.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch, ...base }),
    );
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base }));
  });
  await Promise.all(sends);
  await cdp.detach();
}
