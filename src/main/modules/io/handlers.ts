// Import/export handlers: thin — read the input, check scope, start the job or build the preview.
import type { HandlersOf } from '../../api/context';
import { ownScope } from '../assets/rows';
import { annotatedWorkbook } from './annotate';
import { startCommit } from './commit';
import type { ioContract } from './contract';
import { DEFAULT_EXPORT_COLUMNS, runExport } from './export';
import { openRowSource } from './export-source';
import { bufferResult, XLSX_MIME } from './files';
import { buildPreview, getPreview } from './preview';
import { DICT_KINDS, DICT_LABELS } from './dict-fields';
import {
  assetTemplateSpec,
  buildTemplate,
  dictTemplateSpec,
  templateFileName,
  templateLists,
} from './templates';

export const ioHandlers: HandlersOf<typeof ioContract> = {
  'io.templates': (ctx, { kind }) => {
    // The lists are read here, in the call; the workbook is built in the job.
    const spec =
      kind === 'assets' ? assetTemplateSpec(templateLists(ctx.sqlite)) : dictTemplateSpec(ctx.sqlite, kind);
    const jobId = ctx.core.jobs.start('io.templates', ctx.user().userId, async () =>
      bufferResult(await buildTemplate(spec), spec.fileName, XLSX_MIME),
    );
    const kinds = [
      { kind: 'assets' as const, label: '资产', fileName: templateFileName('assets') },
      ...DICT_KINDS.map((k) => ({ kind: k, label: DICT_LABELS[k], fileName: templateFileName(k) })),
    ];
    return { jobId, kinds };
  },

  'io.importPreview': (ctx, input) => buildPreview(ctx, input),

  'io.problemsWorkbook': (ctx, { previewId }) => {
    const p = getPreview(ctx, previewId);
    const base = p.fileName.replace(/\.[^.]*$/, '');
    const jobId = ctx.core.jobs.start('io.problemsWorkbook', ctx.user().userId, async () =>
      bufferResult(
        await annotatedWorkbook(p.file, p.format, p.sheet, p.plan.problems),
        `${base}-问题.xlsx`,
        XLSX_MIME,
      ),
    );
    return { jobId };
  },

  'io.importCommit': (ctx, { previewId, skipErrorRows }) => {
    const p = getPreview(ctx, previewId);
    const jobId = startCommit(ctx, p, skipErrorRows);
    ctx.audit({
      entity: 'import',
      entityId: p.sha256.slice(0, 16),
      details: {
        fileName: p.fileName,
        sheet: p.sheet,
        mode: p.mode,
        key: p.key,
        counts: p.plan.counts,
        jobId,
      },
    });
    return { jobId };
  },

  'io.export': (ctx, { query, columns, format }) => {
    // The snapshot is taken now, in this call; the job streams it to the file.
    const source = openRowSource(ctx.sqlite, query, ownScope(ctx));
    const cols = columns ?? DEFAULT_EXPORT_COLUMNS;
    const { dataDir } = ctx.core;
    const now = ctx.now;
    const jobId = ctx.core.jobs.start('io.export', ctx.user().userId, (job) =>
      runExport(dataDir, now, source, cols, format, job),
    );
    return { jobId };
  },
};
