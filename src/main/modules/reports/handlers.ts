// Reports handlers: the paged preview (rows walked in chunks, totals exact) and the export job.
import type { HandlersOf } from '../../api/context';
import { exportPath, fileResult, stamp, XLSX_MIME } from '../io/files';
import { writeFileSync } from 'node:fs';
import { addTotals, type Cell } from './columns';
import type { reportsContract } from './contract';
import { buildReport, FILE_NAMES } from './build';
import { writeReportPdf } from './pdf';
import { openSnapshot } from './snapshot';
import { writeReportXlsx } from './xlsx';

export const reportsHandlers: HandlersOf<typeof reportsContract> = {
  'reports.preview': (ctx, { kind, params, offset, limit }) => {
    const data = buildReport(ctx.sqlite, kind, params);
    const rows: Cell[][] = [];
    const sums: number[] = [];
    let total = 0;
    for (const chunk of data.chunks()) {
      addTotals(data.columns, chunk, sums);
      const lo = Math.max(0, offset - total);
      const hi = Math.min(chunk.length, offset + limit - total);
      if (hi > lo) rows.push(...chunk.slice(lo, hi));
      total += chunk.length;
    }
    return {
      kind,
      title: data.title,
      subtitle: data.subtitle,
      columns: data.columns,
      rows,
      total,
      totals: data.columns.map((c, i) => (c.total ? (sums[i] ?? 0) : null)),
    };
  },

  'reports.export': (ctx, { kind, params, format }) => {
    const s = ctx.user();
    // Read through a snapshot connection (see snapshot.ts), closed when the job ends. Built (and the
    // parameters checked) now, so a bad request fails here rather than in the job.
    const snap = openSnapshot(ctx.sqlite);
    let data: ReturnType<typeof buildReport>;
    try {
      data = buildReport(snap.db, kind, params);
    } catch (e) {
      snap.close();
      throw e;
    }
    const core = ctx.core;
    const now = ctx.now;
    const jobId = core.jobs.start(`reports.export`, s.userId, async (job) => {
      try {
        const fileName = `${FILE_NAMES[kind]}-${stamp(now)}.${format}`;
        const { abs, rel } = exportPath(core.dataDir, fileName);
        if (format === 'pdf') {
          const pdf = await writeReportPdf(data);
          writeFileSync(abs, pdf.buffer);
          return fileResult(abs, rel, fileName, 'application/pdf', pdf.rows);
        }
        const r = await writeReportXlsx(data, abs, {
          signal: job.signal,
          progress: (f) => job.progress(f, 'reports.writing'),
        });
        return fileResult(abs, rel, fileName, XLSX_MIME, r.rows);
      } finally {
        snap.close();
      }
    });
    ctx.audit({
      action: 'reports.export',
      entity: 'report',
      entityId: kind,
      details: { kind, params, format, jobId },
    });
    return { jobId };
  },
};
