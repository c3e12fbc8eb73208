// Finding scanners and readers plugged into this PC: HID collections (usage page 0x8C = HID POS)
// and serial ports. Listing never throws: a missing udevadm or HID backend gives an empty list.
import type { DiscoveredDevice } from '../modules/devices/contract';
import { HID_POS_USAGE_PAGE } from './scanner/hid-pos';

export interface DiscoveryListers {
  serial(): Promise<
    { path: string; vendorId?: string; productId?: string; manufacturer?: string; serialNumber?: string }[]
  >;
  hid(): Promise<
    {
      path?: string;
      vendorId: number;
      productId: number;
      manufacturer?: string;
      product?: string;
      serialNumber?: string;
      usagePage?: number;
    }[]
  >;
}

export const defaultListers: DiscoveryListers = {
  async serial() {
    const { SerialPort } = await import('serialport');
    return SerialPort.list();
  },
  async hid() {
    const hid = await import('node-hid');
    return hid.devicesAsync();
  },
};

/** Both lists, with devices already configured (by path) marked. */
export async function discover(
  listers: DiscoveryListers,
  configured: Map<string, number>,
): Promise<DiscoveredDevice[]> {
  const [serial, hid] = await Promise.all([listers.serial().catch(() => []), listers.hid().catch(() => [])]);
  const hex = (s?: string) => (s ? parseInt(s, 16) : null);
  return [
    ...hid
      .filter((d) => d.path)
      .map((d) => ({
        transport: 'hid' as const,
        path: d.path!,
        vendorId: d.vendorId,
        productId: d.productId,
        manufacturer: d.manufacturer ?? null,
        product: d.product ?? null,
        serialNumber: d.serialNumber ?? null,
        hidPos: d.usagePage === HID_POS_USAGE_PAGE,
        configuredId: configured.get(d.path!) ?? null,
      })),
    ...serial.map((p) => ({
      transport: 'serial' as const,
      path: p.path,
      vendorId: hex(p.vendorId),
      productId: hex(p.productId),
      manufacturer: p.manufacturer ?? null,
      product: null,
      serialNumber: p.serialNumber ?? null,
      hidPos: false,
      configuredId: configured.get(p.path) ?? null,
    })),
  ];
}
