// Count handlers: thin — read the input, call the rules, audit and announce.
import { readFileSync, writeFileSync } from 'node:fs';
import type { HandlersOf } from '../../api/context';
import { notFound } from '../../api/errors';
import { blobPath } from '../assets/attachments';
import { exportPath, fileResult, stamp, XLSX_MIME } from '../io/files';
import { registerScanTarget } from '../scans/routing';
import { assertMayView, assertRoom, grantOf, oversees } from './assign';
import type { countsContract } from './contract';
import { finishCount } from './classify';
import { detailRow, toDetailDto } from './details';
import { cancelCount, countRow, createCount, listCounts, startCount } from './plan';
import { postCount } from './post';
import { countReport, getCount, showsExpected } from './report';
import { reportFileName, reportSnapshot, writeCountReportPdf, writeCountReportXlsx } from './report-files';
import { resolveDetail } from './resolve';
import { countScanLog } from './scan-log';
import {
  addSurplus,
  assertCounting,
  assertLocation,
  countScanTarget,
  recordCountScan,
  setStation,
} from './scan';
import { importSheet, sheetSnapshot, writeSheet } from './sheet';

// Device scans on a station with an active count go into that count.
registerScanTarget(countScanTarget);

export const countsHandlers: HandlersOf<typeof countsContract> = {
  'counts.create': (ctx, input) => createCount(ctx, input),

  'counts.start': (ctx, { id }) => startCount(ctx, id),

  'counts.get': (ctx, { id, ...q }) => getCount(ctx, id, q),

  'counts.list': (ctx, input) =>
    listCounts(
      ctx.sqlite,
      input,
      showsExpected(ctx, true),
      oversees(ctx.user().permissions) ? null : ctx.user().userId,
    ),

  'counts.activate': (ctx, { id, station, locationId }) => {
    assertCounting(ctx.sqlite, id, true);
    const grant = grantOf(ctx, countRow(ctx.sqlite, id));
    if (locationId) {
      assertLocation(ctx.sqlite, locationId);
      assertRoom(ctx.sqlite, grant, locationId);
    }
    setStation(ctx.sqlite, station, id, locationId ?? null, ctx.user().userId, ctx.nowIso);
    ctx.audit({ entity: 'count', entityId: id, details: { station, locationId: locationId ?? null } });
    return { station, countId: id, locationId: locationId ?? null };
  },

  'counts.deactivate': (ctx, { station }) => {
    ctx.sqlite.prepare('DELETE FROM count_stations WHERE station = ?').run(station);
    return { station };
  },

  'counts.scan': (ctx, input) => {
    const r = recordCountScan(ctx.sqlite, {
      grant: grantOf(ctx, input.countId),
      countId: input.countId,
      code: input.code,
      epc: input.epc?.toUpperCase(),
      locationId: input.locationId,
      status: input.status,
      deviceId: input.deviceId,
      station: input.station,
      operator: ctx.user().userId,
      at: ctx.nowIso,
    });
    ctx.audit({
      entity: 'count',
      entityId: input.countId,
      details: {
        code: input.code,
        epc: input.epc,
        outcome: r.outcome,
        assetId: r.assetId,
        locationId: r.locationId,
      },
    });
    // Every station's screen refreshes on it; it names nothing a blind counter may not know.
    ctx.emit('counts.scan', {
      countId: input.countId,
      scanId: r.scanId,
      outcome: r.outcome,
      locationId: r.locationId,
      userId: ctx.user().userId,
    });
    return r;
  },

  'counts.addSurplus': (ctx, { countId, ...input }) => {
    const grant = grantOf(ctx, countRow(ctx.sqlite, countId));
    const id = addSurplus(
      ctx.sqlite,
      ctx.core.dataDir,
      { countId, ...input, grant },
      ctx.user().userId,
      ctx.nowIso,
    );
    const { photo: _photo, ...rest } = input;
    ctx.audit({
      entity: 'count',
      entityId: countId,
      details: { detailId: id, ...rest, photo: !!input.photo },
    });
    ctx.emit('counts.changed', { id: countId });
    return toDetailDto(
      detailRow(ctx.sqlite, countId, id),
      showsExpected(ctx, !!countRow(ctx.sqlite, countId).blind),
    );
  },

  'counts.finish': (ctx, { id }) => finishCount(ctx, id),

  'counts.resolve': (ctx, input) => resolveDetail(ctx, input),

  'counts.post': (ctx, { id, version }) => postCount(ctx, id, version),

  'counts.cancel': (ctx, { id }) => cancelCount(ctx, id),

  'counts.report': (ctx, { id }) => countReport(ctx, id),

  'counts.scans': (ctx, { countId, limit, scanIds }) => {
    const row = countRow(ctx.sqlite, countId);
    assertMayView(ctx, row);
    return { rows: countScanLog(ctx.sqlite, { countId, limit, scanIds }, showsExpected(ctx, !!row.blind)) };
  },

  'counts.photo': (ctx, { id, detailId }) => {
    assertMayView(ctx, countRow(ctx.sqlite, id));
    const d = detailRow(ctx.sqlite, id, detailId);
    if (!d.photo_sha256) throw notFound('countPhoto', detailId);
    const data = readFileSync(blobPath(ctx.core.dataDir, d.photo_sha256)).toString('base64');
    return { mime: d.photo_mime ?? 'image/jpeg', data };
  },

  'counts.reportFile': (ctx, { id, format }) => {
    // Read now (one consistent snapshot); the file is written by a job.
    const snap = reportSnapshot(ctx, id);
    const { dataDir } = ctx.core;
    const fileName = reportFileName(snap, format, stamp(ctx.now));
    const jobId = ctx.core.jobs.start('counts.reportFile', ctx.user().userId, async () => {
      const { abs, rel } = exportPath(dataDir, fileName);
      const buf = format === 'pdf' ? await writeCountReportPdf(snap) : await writeCountReportXlsx(snap);
      writeFileSync(abs, buf);
      return fileResult(abs, rel, fileName, format === 'pdf' ? 'application/pdf' : XLSX_MIME);
    });
    ctx.audit({ action: 'counts.reportFile', entity: 'count', entityId: id, details: { format, jobId } });
    return { jobId };
  },

  'counts.export': (ctx, { id, blind }) => {
    const row = countRow(ctx.sqlite, id);
    assertMayView(ctx, row);
    // A counter of a blind count gets the blind sheet whatever they ask for; a counter with areas, the
    // rows of their areas.
    const asBlind = blind ?? !!row.blind;
    const { rooms } = oversees(ctx.user().permissions) ? { rooms: null } : grantOf(ctx, row);
    const snap = sheetSnapshot(
      ctx.sqlite,
      id,
      row.name,
      asBlind || !showsExpected(ctx, !!row.blind),
      rooms ? [...rooms] : null,
    );
    const { dataDir } = ctx.core;
    const now = ctx.now;
    const jobId = ctx.core.jobs.start('counts.export', ctx.user().userId, (job) =>
      writeSheet(dataDir, now, snap, job),
    );
    return { jobId };
  },

  'counts.import': (ctx, { id, data, fileName }) => {
    const r = importSheet(ctx, id, data);
    ctx.audit({
      entity: 'count',
      entityId: id,
      details: { fileName: fileName ?? '', ...r, problems: r.problems.slice(0, 50) },
    });
    ctx.emit('counts.changed', { id });
    return r;
  },
};
