// Labels API: thin handlers over the template store, the layout and the print job.
import type { Ctx, HandlersOf } from '../../api/context';
import { AppError, validation } from '../../api/errors';
import { setSetting } from '../../db/kv';
import type { labelsContract, LabelOutput, LabelPrintResult } from './contract';
import { layoutLabel } from './layout';
import { runPrintJob, type PrintTarget } from './print-job';
import {
  checkPrinterStatus,
  lastPrinterStatus,
  printerBusy,
  trackPrintJob,
  type RawPrinterAddress,
} from './printer-status';
import { cachedOsPrinters, osPrinterOf, refreshOsPrinters } from '../../devices/printer/os-printer';
import type { DeviceRow } from '../../devices/config';
import { PRESETS } from './presets';
import { renderLabels } from './render';
import {
  createTemplate,
  deleteTemplate,
  ensureSeeded,
  getLogo,
  getTemplate,
  listPrints,
  listTemplates,
  loadLabelData,
  LOGO_KEY,
  resolveTemplate,
  updateTemplate,
} from './store';
import { layoutSvg } from './svg';
import { SAMPLE_DATA } from './templates';

function logoBuffer(ctx: Ctx): Buffer | null {
  const logo = getLogo(ctx.sqlite);
  return logo ? Buffer.from(logo.data, 'base64') : null;
}

interface PrinterTarget {
  output: LabelOutput;
  printer: PrintTarget | null;
  target: string;
  /** A configured raw printer (TCP/serial) whose status the devices screen shows. */
  deviceId?: number;
}

type PrinterRow = Pick<
  DeviceRow,
  'kind' | 'transport' | 'protocol' | 'path' | 'host' | 'port' | 'baud_rate' | 'enabled'
>;

function printerRow(ctx: Ctx, deviceId: number): PrinterRow {
  const d = ctx.sqlite
    .prepare(
      'SELECT kind, transport, protocol, path, host, port, baud_rate, enabled FROM devices WHERE id = ?',
    )
    .get(deviceId) as PrinterRow | undefined;
  if (!d || d.kind !== 'printer') throw validation('deviceId', 'validation.labels.notAPrinter');
  return d;
}

/** A ZPL/TSPL printer on TCP or serial: one whose status can be asked for. */
function rawAddress(d: PrinterRow): RawPrinterAddress | null {
  if (d.protocol !== 'zpl' && d.protocol !== 'tspl') return null;
  if (d.transport === 'tcp' && d.host) return { transport: 'tcp', host: d.host, port: d.port ?? 9100 };
  if (d.transport === 'serial' && d.path)
    return { transport: 'serial', path: d.path, baudRate: d.baud_rate ?? 9600 };
  return null;
}

/**
 * A configured printer device (devices table): its protocol decides the output, its transport where
 * the bytes go. OS printers take the PDF through the desktop shell's service (path = the OS printer's
 * name, empty for the default); without that service (browser shell) the UI downloads the PDF.
 */
function deviceTarget(ctx: Ctx, deviceId: number, output: LabelOutput | undefined): PrinterTarget {
  const d = printerRow(ctx, deviceId);
  if (!d.enabled) throw new AppError('DEVICE_ERROR', 'errors.labels.deviceDisabled', { deviceId });
  const proto = (['zpl', 'tspl', 'pdf'] as const).find((p) => p === d.protocol) ?? 'pdf';
  if (output && output !== proto)
    throw validation('output', 'validation.labels.outputMismatch', { protocol: proto });
  const target = `device:${deviceId}`;
  if (d.transport === 'os') {
    // Raw ZPL/TSPL through the OS spooler (Windows RAW jobs) is not built: those printers go by TCP or serial.
    if (proto !== 'pdf')
      throw new AppError('DEVICE_ERROR', 'errors.labels.transportUnsupported', { transport: d.transport });
    const service = osPrinterOf(ctx.core);
    if (!service) throw new AppError('DEVICE_ERROR', 'errors.labels.osPrinterUnavailable', { deviceId });
    return { output: 'pdf', printer: { transport: 'os', printerName: d.path || null, service }, target };
  }
  const printer = rawAddress(d);
  if (printer && proto !== 'pdf') return { output: proto, printer, target, deviceId };
  throw new AppError('DEVICE_ERROR', 'errors.labels.transportUnsupported', { transport: d.transport });
}

export const labelsHandlers: HandlersOf<typeof labelsContract> = {
  'labels.presets.list': () => PRESETS,

  'labels.templates.list': (ctx) => {
    ensureSeeded(ctx.sqlite, ctx.nowIso);
    return listTemplates(ctx.sqlite);
  },
  'labels.templates.get': (ctx, { id }) => {
    ensureSeeded(ctx.sqlite, ctx.nowIso);
    return getTemplate(ctx.sqlite, id);
  },
  'labels.templates.create': (ctx, input) => {
    ensureSeeded(ctx.sqlite, ctx.nowIso);
    return createTemplate(ctx, input);
  },
  'labels.templates.update': (ctx, input) => updateTemplate(ctx, input),
  'labels.templates.delete': (ctx, { id, version }) => {
    deleteTemplate(ctx, id, version);
    return { ok: true };
  },

  'labels.preview': (ctx, input) => {
    ensureSeeded(ctx.sqlite, ctx.nowIso);
    const def = input.definition ?? resolveTemplate(ctx.sqlite, input.templateId).definition;
    const data =
      input.assetId !== undefined ? loadLabelData(ctx.sqlite, [input.assetId])[0]!.data : SAMPLE_DATA;
    const layout = layoutLabel(def, data);
    const logo = getLogo(ctx.sqlite);
    return { ...layout, svg: layoutSvg(layout, logo && { mime: logo.mime, base64: logo.data }) };
  },

  'labels.render': (ctx, input) => {
    ensureSeeded(ctx.sqlite, ctx.nowIso);
    const tpl = resolveTemplate(ctx.sqlite, input.templateId);
    const items = loadLabelData(ctx.sqlite, input.assetIds).map((r) => r.data);
    const r = renderLabels(
      {
        def: tpl.definition,
        items,
        copies: input.copies,
        startPosition: input.startPosition,
        logo: logoBuffer(ctx),
        title: tpl.name,
      },
      'pdf',
    );
    return { pdf: r.bytes.toString('base64'), labels: r.labels, pages: r.pages, warnings: r.warnings };
  },

  'labels.print': (ctx, input) => {
    ensureSeeded(ctx.sqlite, ctx.nowIso);
    const user = ctx.user();
    const tpl = resolveTemplate(ctx.sqlite, input.templateId);
    const items = loadLabelData(ctx.sqlite, input.assetIds).map((r) => r.data);
    let t: PrinterTarget;
    if (input.deviceId !== undefined) t = deviceTarget(ctx, input.deviceId, input.output);
    else {
      const output = input.output ?? (input.printer ? 'zpl' : 'pdf');
      if (input.printer && output === 'pdf')
        throw validation('printer', 'validation.labels.pdfToNetworkPrinter');
      t = {
        output,
        printer: input.printer ? { transport: 'tcp', ...input.printer } : null,
        target: input.printer ? `${input.printer.host}:${input.printer.port}` : '',
      };
    }
    const printId = Number(
      ctx.sqlite
        .prepare(
          `INSERT INTO label_prints (created_at, user_id, username, template_id, template_name, output, target,
             asset_ids, asset_count, copies, start_position, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
        )
        .run(
          ctx.nowIso,
          user.userId,
          user.username,
          tpl.id,
          tpl.name,
          t.output,
          t.target,
          JSON.stringify(input.assetIds),
          input.assetIds.length,
          input.copies,
          input.startPosition,
        ).lastInsertRowid,
    );
    ctx.audit({
      entity: 'labelPrint',
      entityId: printId,
      details: {
        template: tpl.name,
        output: t.output,
        target: t.target,
        assets: input.assetIds.length,
        copies: input.copies,
      },
    });
    const sqlite = ctx.sqlite;
    const request = {
      def: tpl.definition,
      items,
      copies: input.copies,
      startPosition: input.startPosition,
      logo: logoBuffer(ctx),
      title: tpl.name,
    };
    // Started last: the job runs after this transaction has committed the history row.
    // A configured printer is reserved now: a status check or another print waits its turn.
    const queued = t.deviceId !== undefined ? trackPrintJob<LabelPrintResult>(ctx.core, t.deviceId) : null;
    const jobId = ctx.core.jobs.start('labels.print', user.userId, (job) => {
      const run = () => runPrintJob(sqlite, { printId, output: t.output, request, printer: t.printer }, job);
      return queued ? queued(run) : run();
    });
    sqlite.prepare('UPDATE label_prints SET job_id = ? WHERE id = ?').run(jobId, printId);
    return { jobId, printId };
  },

  'labels.history': (ctx, { assetId, limit }) => listPrints(ctx.sqlite, assetId, limit),

  'labels.osPrinters': (ctx, { refresh }) => {
    if (refresh) void refreshOsPrinters(ctx.core);
    return cachedOsPrinters(ctx.core);
  },

  'labels.printerStatus': (ctx, { deviceId, check }) => {
    const d = printerRow(ctx, deviceId);
    const address = d.enabled ? rawAddress(d) : null;
    const last = lastPrinterStatus(ctx.core, deviceId);
    const busy = printerBusy(ctx.core, deviceId);
    if (!address || !check || busy) return { supported: address !== null, busy, jobId: null, last };
    const core = ctx.core;
    const protocol = d.protocol as 'zpl' | 'tspl';
    const jobId = core.jobs.start('labels.printerStatus', ctx.user().userId, () =>
      checkPrinterStatus(core, deviceId, address, protocol),
    );
    return { supported: true, busy: false, jobId, last };
  },

  'labels.logo.get': (ctx) => getLogo(ctx.sqlite),
  'labels.logo.set': (ctx, { logo }) => {
    if (logo) {
      const head = Buffer.from(logo.data.slice(0, 16), 'base64');
      const png = head.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      const jpeg = head[0] === 0xff && head[1] === 0xd8;
      if ((logo.mime === 'image/png' && !png) || (logo.mime === 'image/jpeg' && !jpeg)) {
        throw validation('logo.data', 'validation.labels.logoImage');
      }
    }
    setSetting(ctx.sqlite, LOGO_KEY, logo, ctx.nowIso);
    ctx.audit({ entity: 'setting', entityId: LOGO_KEY, details: { set: logo !== null, mime: logo?.mime } });
    return { ok: true };
  },
};
