// labels.print to network printers: the loopback ZPL/TSPL simulators receive the batch over TCP,
// answer status queries, and refuse to print on paper out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import type { LabelPrintResult } from '../../src/main/modules/labels/contract';
import type { PrinterStatusReport } from '../../src/main/devices/printer/status-types';
import { PrinterSim, tsplStrings, zplFields } from '../sim/printer-sim';
import { makeAssets, waitJob } from './labels-helpers';

let t: TestCore;
let sim: PrinterSim | null = null;
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await sim?.stop();
  sim = null;
  await t.close();
});

async function printTo(protocol: 'zpl' | 'tspl', assetIds: number[], extra: Record<string, unknown> = {}) {
  const port = sim!.port;
  const { jobId, printId } = t.call(t.adminToken, 'labels.print', {
    assetIds,
    output: protocol,
    printer: { host: '127.0.0.1', port },
    ...extra,
  } as never);
  return { job: await waitJob(t, t.adminToken, jobId), printId };
}

async function startSim(protocol: 'zpl' | 'tspl') {
  sim = new PrinterSim(protocol);
  await sim.start();
  return sim;
}

describe('ZPL network printer', () => {
  it('receives the whole batch over TCP: one ^XA…^XZ per asset with the asset code in QR and Code 128', async () => {
    const s = await startSim('zpl');
    const assets = makeAssets(t);
    const { job, printId } = await printTo(
      'zpl',
      assets.map((a) => a.id),
      { copies: 3 },
    );
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    const res = job.result as LabelPrintResult;
    expect(res).toMatchObject({ printId, output: 'zpl', labels: 4, printerStatus: { ready: true } });
    expect(res.sentBytes).toBeGreaterThan(1000);
    expect(s.statusQueries).toBe(2); // before and after the job
    expect(s.printed).toHaveLength(4);
    s.printed.forEach((label, i) => {
      const fields = zplFields(label.text);
      expect(fields).toContain(`MA,${assets[i]!.assetCode}`);
      expect(fields).toContain(assets[i]!.assetCode);
      expect(fields.some((f) => f.includes(assets[i]!.name.slice(0, 4)))).toBe(true);
      expect(label.text).toContain('^CI28');
      expect(label.text).toContain('^PQ3');
    });
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({
      id: printId,
      status: 'done',
      target: `127.0.0.1:${s.port}`,
    });
  });

  it('paper out: the job fails with DEVICE_ERROR naming the problem, nothing is sent, history says failed', async () => {
    const s = await startSim('zpl');
    s.world.paperOut = true;
    const assets = makeAssets(t);
    const { job, printId } = await printTo(
      'zpl',
      assets.map((a) => a.id),
    );
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'DEVICE_ERROR',
      message: 'errors.labels.printerNotReady',
      params: { problems: ['labels.printer.paperOut'] },
    });
    expect(s.labels).toHaveLength(0);
    expect(t.call(t.adminToken, 'labels.history', {})[0]).toMatchObject({
      id: printId,
      status: 'failed',
      error: 'errors.labels.printerNotReady',
    });
  });

  it('a printer that stays silent on ~HS still gets the job, with a warning', async () => {
    const s = await startSim('zpl');
    s.world.headOpen = true;
    s.world.silentOnFault = true;
    const assets = makeAssets(t, ['测试一']);
    const { job } = await printTo(
      'zpl',
      assets.map((a) => a.id),
    );
    expect(job.status).toBe('done');
    expect((job.result as LabelPrintResult).warnings).toContain('labels.printer.notResponding');
    expect(s.labels).toHaveLength(1);
  });

  it('an unreachable printer is DEVICE_ERROR printerUnreachable', async () => {
    const s = await startSim('zpl');
    const port = s.port;
    await s.stop();
    sim = null;
    const [a] = makeAssets(t, ['测试一']);
    const { jobId } = t.call(t.adminToken, 'labels.print', {
      assetIds: [a!.id],
      output: 'zpl',
      printer: { host: '127.0.0.1', port },
    });
    const job = await waitJob(t, t.adminToken, jobId);
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        code: 'DEVICE_ERROR',
        message: 'errors.labels.printerUnreachable',
        params: { reason: 'refused' },
      },
    });
  });
});

describe('TSPL network printer', () => {
  it('receives GB18030 text that decodes to the Chinese names, and QR/BARCODE with the codes', async () => {
    const s = await startSim('tspl');
    const assets = makeAssets(t);
    const { job } = await printTo(
      'tspl',
      assets.map((a) => a.id),
    );
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(s.printed).toHaveLength(4);
    s.printed.forEach((label, i) => {
      expect(label.header).toContain('SIZE 50 mm,30 mm');
      expect(tsplStrings(label.text, 'QRCODE')).toEqual([assets[i]!.assetCode]);
      expect(tsplStrings(label.text, 'BARCODE')).toEqual([assets[i]!.assetCode]);
      const texts = tsplStrings(label.text, 'TEXT').join('|');
      expect(texts).toContain(assets[i]!.name.slice(0, 4));
      expect(texts).toContain('部门：信息技术部');
    });
  });

  it('head open (status bit 0) stops the job', async () => {
    const s = await startSim('tspl');
    s.world.headOpen = true;
    const [a] = makeAssets(t, ['测试一']);
    const { job } = await printTo('tspl', [a!.id]);
    expect(job.error).toMatchObject({
      code: 'DEVICE_ERROR',
      params: { problems: ['labels.printer.headOpen'] },
    });
    expect(s.labels).toHaveLength(0);
  });
});

describe('printer targets', () => {
  it('ZPL without a printer returns the bytes for download; PDF to a network printer is refused', async () => {
    const [a] = makeAssets(t, ['测试一']);
    const { jobId } = t.call(t.adminToken, 'labels.print', { assetIds: [a!.id], output: 'zpl' });
    const job = await waitJob(t, t.adminToken, jobId);
    const zpl = Buffer.from((job.result as LabelPrintResult).data!, 'base64').toString('utf8');
    expect(zplFields(zpl)).toContain(a!.assetCode);
    const r = t.raw(t.adminToken, 'labels.print', {
      assetIds: [a!.id],
      output: 'pdf',
      printer: { host: '127.0.0.1', port: 9100 },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('labels.printerStatus (devices screen)', () => {
  it('asks a configured printer, reports problems as events, keeps what print jobs learned; OS printers have none', async () => {
    const s = await startSim('zpl');
    const events: { type: string; payload: unknown }[] = [];
    const off = t.core.events.on((e) => e.type === 'printer.status' && events.push(e));
    const deviceId = t.call(t.adminToken, 'devices.add', {
      kind: 'printer',
      transport: 'tcp',
      protocol: 'zpl',
      host: '127.0.0.1',
      port: s.port,
    }).id;
    const check = async () => {
      const r = t.call(t.adminToken, 'labels.printerStatus', { deviceId });
      expect(r).toMatchObject({ supported: true, busy: false });
      return (await waitJob(t, t.adminToken, r.jobId!)).result as PrinterStatusReport;
    };
    expect(t.call(t.adminToken, 'labels.printerStatus', { deviceId, check: false })).toEqual({
      supported: true,
      busy: false,
      jobId: null,
      last: null,
    });
    expect(await check()).toMatchObject({ deviceId, problems: [], status: { ready: true } });
    s.world.paperOut = true;
    s.world.headOpen = true;
    expect((await check()).problems).toEqual(['labels.printer.headOpen', 'labels.printer.paperOut']);

    // A print job's status check lands on the board too.
    s.world.headOpen = false;
    const [a] = makeAssets(t, ['测试一']);
    const { jobId } = t.call(t.adminToken, 'labels.print', { assetIds: [a!.id], deviceId });
    expect((await waitJob(t, t.adminToken, jobId)).status).toBe('failed');
    const last = t.call(t.adminToken, 'labels.printerStatus', { deviceId, check: false }).last;
    expect(last?.problems).toEqual(['labels.printer.paperOut']);

    await s.stop();
    sim = null;
    expect(await check()).toMatchObject({ status: null, problems: ['labels.printer.unreachable'] });
    expect(events.map((e) => (e.payload as PrinterStatusReport).problems.length)).toEqual([0, 2, 1, 1]);
    off();

    const os = t.call(t.adminToken, 'devices.add', { kind: 'printer', transport: 'os', protocol: 'pdf' });
    expect(t.call(t.adminToken, 'labels.printerStatus', { deviceId: os.id })).toEqual({
      supported: false,
      busy: false,
      jobId: null,
      last: null,
    });
  });
});
