// Labels: templates (designer), the live preview, PDF rendering, printing (PDF / ZPL / TSPL, as a
// job) and the print history used for reprints.
import { z } from 'zod';
import { method } from '../../api/contract';
import { id, requiredText } from '../../api/schemas';
import type { PrinterStatus, PrinterStatusReport } from '../../devices/printer/status-types';
import type { LabelLayout } from './primitives';
import type { LabelPreset } from './presets';
import { templateDefinition, type LabelData, type TemplateDefinition } from './templates';

export interface LabelTemplateDto {
  id: number;
  name: string;
  preset: string;
  definition: TemplateDefinition;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface LabelPrintDto {
  id: number;
  createdAt: string;
  username: string;
  templateId: number | null;
  templateName: string;
  output: LabelOutput;
  target: string;
  assetIds: number[];
  assetCount: number;
  copies: number;
  startPosition: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  error: string | null;
  jobId: string | null;
  finishedAt: string | null;
}

export const LABEL_OUTPUTS = ['pdf', 'zpl', 'tspl'] as const;
export type LabelOutput = (typeof LABEL_OUTPUTS)[number];

/** What a finished labels.print job holds in its result. */
export interface LabelPrintResult {
  printId: number;
  output: LabelOutput;
  labels: number;
  /** PDF (base64) for the shell to download or hand to the OS printer. */
  pdf?: string;
  /** ZPL/TSPL bytes (base64) when no printer was named: a file to send by other means. */
  data?: string;
  /** Bytes sent to the network printer, and its status after the job. */
  sentBytes?: number;
  printerStatus?: PrinterStatus;
  warnings: string[];
}

const assetIds = z.array(id).min(1).max(5000);
const startPosition = z.number().int().min(1).max(200).default(1);
const copies = z.number().int().min(1).max(100).default(1);
const logoInput = z.object({
  mime: z.enum(['image/png', 'image/jpeg']),
  /** The image file, base64; at most ~512 KB. */
  data: z.string().max(700_000),
});

export const labelsContract = {
  'labels.presets.list': method<LabelPreset[]>()({
    input: z.object({}),
    access: ['labels.print', 'labels.design'],
    mode: 'read',
    summary:
      'Label sizes to start a template from: thermal 50×30, 40×30, 70×40 mm and A4 sheets 3×8, 4×10, 2×7.',
    returns: '[{ key, name, widthMm, heightMm, sheet: SheetSpec | null }]',
  }),
  'labels.templates.list': method<LabelTemplateDto[]>()({
    input: z.object({}),
    access: ['labels.print', 'labels.design'],
    mode: 'read',
    summary: 'Stored label templates (one per preset is seeded on first use), default first.',
    returns: 'LabelTemplateDto[] { id, name, preset, definition, isDefault, createdAt, updatedAt, version }',
  }),
  'labels.templates.get': method<LabelTemplateDto>()({
    input: z.object({ id }),
    access: ['labels.print', 'labels.design'],
    mode: 'read',
    summary: 'One label template with its full definition.',
    returns: 'LabelTemplateDto',
  }),
  'labels.templates.create': method<LabelTemplateDto>()({
    input: z.object({
      name: requiredText(60),
      preset: z.string().max(40).default('custom'),
      definition: templateDefinition,
      isDefault: z.boolean().default(false),
    }),
    access: 'labels.design',
    mode: 'write',
    summary:
      'Create a label template (size in mm, DPI, optional A4 sheet, elements in mm). DUPLICATE when the name is taken.',
    returns: 'LabelTemplateDto',
  }),
  'labels.templates.update': method<LabelTemplateDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      name: requiredText(60).optional(),
      definition: templateDefinition.optional(),
      isDefault: z.literal(true).optional(),
    }),
    access: 'labels.design',
    mode: 'write',
    summary:
      'Change a template (CONFLICT when someone saved it since it was read). isDefault: true makes it the default.',
    returns: 'LabelTemplateDto',
  }),
  'labels.templates.delete': method<{ ok: true }>()({
    input: z.object({ id, version: z.number().int().positive() }),
    access: 'labels.design',
    mode: 'write',
    summary:
      'Delete a template; the default template cannot be deleted (IN_USE) until another is made default.',
    returns: '{ ok: true }',
  }),
  'labels.preview': method<LabelLayout & { svg: string }>()({
    input: z.object({
      /** A saved template, or an unsaved definition straight from the designer. */
      templateId: id.optional(),
      definition: templateDefinition.optional(),
      /** An asset to fill the fields with; sample data when absent. */
      assetId: id.optional(),
    }),
    access: ['labels.print', 'labels.design'],
    mode: 'read',
    summary:
      'Lay out one label exactly as it prints: the positioned primitives (mm) and an SVG of them. Uses sample data without assetId.',
    returns: '{ widthMm, heightMm, dpi, primitives: Primitive[], warnings: [{ element, key }], svg }',
  }),
  'labels.render': method<{ pdf: string; labels: number; pages: number; warnings: string[] }>()({
    input: z.object({
      assetIds: z.array(id).min(1).max(2000),
      templateId: id.optional(),
      startPosition,
      copies,
    }),
    access: 'labels.print',
    mode: 'read',
    summary:
      'Labels for the assets as one PDF (label-size pages, or A4 sheets starting at startPosition), CJK font embedded, codes as vectors.',
    returns: '{ pdf: base64, labels, pages, warnings }',
  }),
  'labels.print': method<{ jobId: string; printId: number }>()({
    input: z.object({
      assetIds,
      templateId: id.optional(),
      /** A configured printer (devices.add, kind printer); its protocol picks the output. */
      deviceId: id.optional(),
      output: z.enum(LABEL_OUTPUTS).optional(),
      /** A network printer (raw TCP, usually port 9100) when no device is configured. */
      printer: z
        .object({
          host: z.string().trim().min(1).max(255),
          port: z.number().int().min(1).max(65535).default(9100),
        })
        .optional(),
      startPosition,
      copies,
    }),
    access: 'labels.print',
    mode: 'write',
    summary:
      'Print labels as a job (progress on job.progress; result LabelPrintResult via jobs.get): PDF returned as base64 or, for an OS printer device, given to the desktop shell to print (DEVICE_ERROR osPrinterUnavailable in the browser shell: print without deviceId to download the PDF); ZPL/TSPL sent to a TCP 9100 or serial printer after a status check (paper out, head open), queued behind other prints to the same device, or returned as bytes. Recorded in the print history.',
    returns: '{ jobId, printId }',
  }),
  'labels.history': method<LabelPrintDto[]>()({
    input: z.object({ assetId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }),
    access: ['labels.print', 'labels.design'],
    mode: 'read',
    summary:
      'Recent label prints, newest first, optionally only those that included an asset; each names what to reprint.',
    returns: 'LabelPrintDto[]',
  }),
  'labels.printerStatus': method<{
    supported: boolean;
    busy: boolean;
    jobId: string | null;
    last: PrinterStatusReport | null;
  }>()({
    input: z.object({ deviceId: id, check: z.boolean().default(true) }),
    access: ['labels.print', 'devices.manage'],
    mode: 'read',
    summary:
      'What a configured ZPL/TSPL printer (TCP or serial) said last, and (check, default) a job asking it again: the answer arrives as a "printer.status" event and the job result. Not while a print job has the printer (busy), not for OS printers (supported: false).',
    returns:
      '{ supported, busy, jobId | null, last: { deviceId, checkedAt, status: PrinterStatus | null (unreachable), problems: i18n keys } | null }',
  }),
  'labels.osPrinters': method<{
    available: boolean;
    printers: { name: string; isDefault: boolean }[];
    listedAt: string | null;
  }>()({
    input: z.object({ refresh: z.boolean().default(false) }),
    access: ['labels.print', 'devices.manage'],
    mode: 'read',
    summary:
      "The system's printers as the desktop shell last listed them (refresh: list again in the background; ask again shortly). available: false in the browser shell, where OS printers get a PDF download instead.",
    returns: '{ available, printers: [{ name, isDefault }], listedAt | null }',
  }),
  'labels.logo.get': method<{ mime: string; data: string } | null>()({
    input: z.object({}),
    access: ['labels.print', 'labels.design'],
    mode: 'read',
    summary: 'The company logo printed by logo elements, or null.',
    returns: '{ mime, data: base64 } | null',
  }),
  'labels.logo.set': method<{ ok: true }>()({
    input: z.object({ logo: logoInput.nullable() }),
    access: 'labels.design',
    mode: 'write',
    summary: 'Set (PNG or JPEG) or clear the company logo used on labels.',
    returns: '{ ok: true }',
  }),
};

export type { LabelData };
