// labels.print to a serial label printer: a TSPL/ZPL printer simulator behind a real socat pty, the
// app's side through serialport. GB18030 Chinese arrives intact, a head-open printer refuses with the
// translated error, and a pty that vanishes mid-job fails the job and its history row.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { writePng, zbarDecode } from '../helpers/label-decode';
import type { LabelPrintResult } from '../../src/main/modules/labels/contract';
import { messages as errorMessages } from '../../src/renderer/src/lib/i18n/messages/errors';
import { messages as labelMessages } from '../../src/renderer/src/lib/i18n/messages/labels';
import { renderTsplCodes, tsplStrings } from '../sim/printer-sim';
import { SerialPrinterSim } from '../sim/printer-serial-sim';
import { acquirePtyLock, hasSocat } from '../sim/pty-harness';
import { makeAssets, requireTools, waitJob } from './labels-helpers';

let t: TestCore;
let printer: SerialPrinterSim | null = null;
let releasePtyLock: (() => void) | undefined;
// Registered first, so (after-hooks run in reverse) it runs after this file's own cleanup.
afterAll(() => releasePtyLock?.());
beforeAll(async () => {
  requireTools();
  if (hasSocat) releasePtyLock = await acquirePtyLock();
}, 300_000);
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await printer?.stop();
  printer = null;
  await t.close();
});

async function serialPrinter(protocol: 'zpl' | 'tspl') {
  printer = new SerialPrinterSim(protocol);
  await printer.start();
  const dev = t.call(t.adminToken, 'devices.add', {
    kind: 'printer',
    transport: 'serial',
    protocol,
    path: printer.path,
    baudRate: 9600,
    name: '串口标签机',
  });
  expect(dev).toMatchObject({ kind: 'printer', transport: 'serial', path: printer.path, baudRate: 9600 });
  return { sim: printer.sim, deviceId: dev.id };
}

async function printVia(deviceId: number, assetIds: number[]) {
  const { jobId, printId } = t.call(t.adminToken, 'labels.print', { assetIds, deviceId });
  return { job: await waitJob(t, t.adminToken, jobId, 60_000), printId };
}

const zh = (key: string) =>
  (errorMessages['zh-CN'] as Record<string, string>)[key] ??
  (labelMessages['zh-CN'] as Record<string, string>)[key];

(hasSocat ? describe : describe.skip)('serial label printer over a socat pty', () => {
  it('TSPL: the sim decodes GB18030 Chinese, the codes read back as the asset code, history says done', async () => {
    const { sim, deviceId } = await serialPrinter('tspl');
    const assets = makeAssets(t);
    const { job, printId } = await printVia(
      deviceId,
      assets.map((a) => a.id),
    );
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    const res = job.result as LabelPrintResult;
    expect(res).toMatchObject({ output: 'tspl', labels: 4, printerStatus: { ready: true } });
    expect(sim.statusQueries).toBe(2);
    expect(sim.printed).toHaveLength(4);
    for (const [i, label] of sim.printed.entries()) {
      const a = assets[i]!;
      expect(label.header).toContain('SIZE 50 mm,30 mm');
      expect(tsplStrings(label.text, 'TEXT').join('|')).toContain(a.name.split(' ')[0]);
      const decoded: string[] = [];
      for (const img of await renderTsplCodes(label.text))
        for (const c of zbarDecode(writePng(img.png, 'serial'))) decoded.push(`${c.symbology}:${c.data}`);
      expect(decoded.sort()).toEqual([`CODE-128:${a.assetCode}`, `QR-Code:${a.assetCode}`]);
    }
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({
      id: printId,
      status: 'done',
      output: 'tspl',
      target: `device:${deviceId}`,
    });
  });

  it('ZPL over serial: one ^XA…^XZ per asset with the UTF-8 name', async () => {
    const { sim, deviceId } = await serialPrinter('zpl');
    const assets = makeAssets(t, ['联想笔记本电脑', '惠普激光打印机']);
    const { job } = await printVia(
      deviceId,
      assets.map((a) => a.id),
    );
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(sim.printed.map((l) => l.text.includes(assets[sim.printed.indexOf(l)]!.name))).toEqual([
      true,
      true,
    ]);
  });

  it('two prints to one serial port queue behind each other; a status check meanwhile answers busy', async () => {
    const { sim, deviceId } = await serialPrinter('tspl');
    const assets = makeAssets(t, ['联想笔记本电脑', '惠普激光打印机', '办公桌']);
    const first = t.call(t.adminToken, 'labels.print', {
      assetIds: [assets[0]!.id, assets[1]!.id],
      deviceId,
    });
    const second = t.call(t.adminToken, 'labels.print', { assetIds: [assets[2]!.id], deviceId });
    // Reserved by the handler, before either job has started.
    expect(t.call(t.adminToken, 'labels.printerStatus', { deviceId })).toMatchObject({
      busy: true,
      jobId: null,
    });
    for (const { jobId } of [first, second]) {
      const job = await waitJob(t, t.adminToken, jobId, 60_000);
      expect(job.status, JSON.stringify(job.error)).toBe('done');
    }
    expect(sim.printed.map((l) => tsplStrings(l.text, 'BARCODE')[0])).toEqual(assets.map((a) => a.assetCode));
    expect(t.call(t.adminToken, 'labels.printerStatus', { deviceId, check: false })).toMatchObject({
      busy: false,
      last: { deviceId, problems: [] },
    });
  });

  it('head open: refused before sending, with the translated reason; history says failed', async () => {
    const { sim, deviceId } = await serialPrinter('tspl');
    sim.world.headOpen = true;
    const [a] = makeAssets(t, ['测试一']);
    const { job, printId } = await printVia(deviceId, [a!.id]);
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        code: 'DEVICE_ERROR',
        message: 'errors.labels.printerNotReady',
        params: { problems: ['labels.printer.headOpen'] },
      },
    });
    expect(zh(job.error!.message)).toBe('打印机未就绪');
    expect(zh('labels.printer.headOpen')).toBe('打印头未合上');
    expect(sim.labels).toHaveLength(0);
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({
      id: printId,
      status: 'failed',
      error: 'errors.labels.printerNotReady',
    });
  });

  it('the pty vanishes mid-job: DEVICE_ERROR printerDisconnected naming the port, history says failed', async () => {
    const { sim, deviceId } = await serialPrinter('tspl');
    const assets = makeAssets(
      t,
      Array.from({ length: 150 }, (_, i) => `办公电脑 ${i + 1} 号`),
    );
    printer!.unplugAfterBytes = 6000;
    const { job, printId } = await printVia(
      deviceId,
      assets.map((a) => a.id),
    );
    await printer!.unplugged;
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'DEVICE_ERROR',
      message: 'errors.labels.printerDisconnected',
      params: { path: printer!.path },
    });
    expect(zh('errors.labels.printerDisconnected')).toBe('打印机连接中断');
    // Some labels got through before the cable was pulled, not all of them.
    expect(sim.printed.length).toBeGreaterThan(0);
    expect(sim.printed.length).toBeLessThan(assets.length);
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({
      id: printId,
      status: 'failed',
      error: 'errors.labels.printerDisconnected',
    });
  });

  it('a port that is not there: DEVICE_ERROR serialPrinterUnreachable', async () => {
    const { deviceId } = await serialPrinter('tspl');
    await printer!.stop();
    printer = null;
    const [a] = makeAssets(t, ['测试一']);
    const { job } = await printVia(deviceId, [a!.id]);
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'DEVICE_ERROR', message: 'errors.labels.serialPrinterUnreachable' },
    });
    expect(zh(job.error!.message)).toContain('串口');
  });
});
