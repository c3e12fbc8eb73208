// The label template model (pure zod + types): label size and DPI, optional A4 sheet geometry,
// printer options, and the elements placed on the label in millimetres.
import { z } from 'zod';

/** Asset fields a text, QR or Code 128 element can print. */
export const LABEL_FIELDS = [
  'assetCode',
  'name',
  'model',
  'serialNo',
  'categoryName',
  'locationName',
  'departmentName',
  'custodianName',
  'supplierName',
  'purchaseDate',
  'inServiceDate',
  'companyName',
] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];
export type LabelData = Partial<Record<LabelField, string | null>>;

export const LABEL_DPIS = [203, 300, 600] as const;
export type LabelDpi = (typeof LABEL_DPIS)[number];

const mm = z.number().min(0).max(1000);
const size = z.number().positive().max(1000);

/**
 * Where the element's content comes from: `field` set → `text` + the field's value (so `text` is a
 * caption such as "编号："); `field` null → `text` alone.
 */
const content = {
  field: z.enum(LABEL_FIELDS).nullable().default(null),
  text: z.string().max(200).default(''),
};

export const textElement = z.object({
  kind: z.literal('text'),
  x: mm,
  y: mm,
  w: size,
  ...content,
  /** Font size in points (1 pt = 0.3528 mm). */
  fontSize: z.number().min(4).max(72).default(9),
  bold: z.boolean().default(false),
  align: z.enum(['left', 'center', 'right']).default('left'),
  maxLines: z.number().int().min(1).max(10).default(1),
  /** Cut the last line with "…" when the text does not fit, instead of dropping the rest silently. */
  ellipsis: z.boolean().default(true),
});

export const qrElement = z.object({
  kind: z.literal('qr'),
  x: mm,
  y: mm,
  /** The largest square the code may take; modules are whole printer dots, so it may come out smaller. */
  size,
  ...content,
  ecc: z.enum(['L', 'M', 'Q', 'H']).default('M'),
});

export const code128Element = z.object({
  kind: z.literal('code128'),
  x: mm,
  y: mm,
  w: size,
  h: size,
  ...content,
  /** Human-readable line under the bars, drawn as label text (same font on every output). */
  showText: z.boolean().default(true),
  textSize: z.number().min(4).max(24).default(6),
});

export const logoElement = z.object({ kind: z.literal('logo'), x: mm, y: mm, w: size, h: size });

export const lineElement = z.object({
  kind: z.literal('line'),
  x: mm,
  y: mm,
  length: size,
  orientation: z.enum(['h', 'v']).default('h'),
  thickness: z.number().min(0.05).max(10).default(0.3),
});

export const boxElement = z.object({
  kind: z.literal('box'),
  x: mm,
  y: mm,
  w: size,
  h: size,
  thickness: z.number().min(0.05).max(10).default(0.3),
});

export const labelElement = z.discriminatedUnion('kind', [
  textElement,
  qrElement,
  code128Element,
  logoElement,
  lineElement,
  boxElement,
]);

/** A sheet of labels (A4 laser/inkjet paper): columns × rows at a pitch, plus a calibration offset. */
export const sheetSpec = z.object({
  pageWidthMm: size.default(210),
  pageHeightMm: size.default(297),
  cols: z.number().int().min(1).max(20),
  rows: z.number().int().min(1).max(40),
  marginLeftMm: mm,
  marginTopMm: mm,
  pitchXMm: size,
  pitchYMm: size,
  /** Printer calibration: shifts every label (may be negative). */
  offsetXMm: z.number().min(-50).max(50).default(0),
  offsetYMm: z.number().min(-50).max(50).default(0),
});

export const printerOptions = z.object({
  /** ZPL: the printer's CJK font, as ^A@ names it (drive:name). */
  zplFont: z
    .string()
    .regex(/^[A-Z]:[A-Za-z0-9_.-]{1,40}$/, 'validation.labels.zplFont')
    .default('E:SIMSUN.TTF'),
  /** TSPL: a resident font name, or "auto" to pick TSS16/20/24.BF2 and a multiplier by size. */
  tsplFont: z
    .string()
    .regex(/^(auto|[A-Za-z0-9_.]{1,20})$/, 'validation.labels.tsplFont')
    .default('auto'),
  /** Gap between thermal labels (TSPL GAP). */
  gapMm: z.number().min(0).max(20).default(2),
});

export const templateDefinition = z
  .object({
    widthMm: size,
    heightMm: size,
    dpi: z.union([z.literal(203), z.literal(300), z.literal(600)]).default(203),
    sheet: sheetSpec.nullable().default(null),
    printer: printerOptions.prefault({}),
    elements: z.array(labelElement).max(60),
  })
  .superRefine((d, ctx) => {
    if (d.sheet) {
      const s = d.sheet;
      if (s.marginLeftMm + (s.cols - 1) * s.pitchXMm + d.widthMm > s.pageWidthMm + 0.01)
        ctx.addIssue({ code: 'custom', path: ['sheet', 'cols'], message: 'validation.labels.sheetTooWide' });
      if (s.marginTopMm + (s.rows - 1) * s.pitchYMm + d.heightMm > s.pageHeightMm + 0.01)
        ctx.addIssue({ code: 'custom', path: ['sheet', 'rows'], message: 'validation.labels.sheetTooTall' });
    }
  });

export type LabelElement = z.output<typeof labelElement>;
export type TemplateDefinition = z.output<typeof templateDefinition>;
export type TemplateDefinitionInput = z.input<typeof templateDefinition>;
export type SheetSpec = z.output<typeof sheetSpec>;

/** Sample data for previews when no asset is chosen. */
export const SAMPLE_DATA: LabelData = {
  assetCode: 'ZC2024000123',
  name: '联想笔记本电脑 ThinkPad X1',
  model: 'X1 Carbon Gen 11',
  serialNo: 'PF3ABCDE',
  categoryName: '电子设备',
  locationName: '总部三楼 301',
  departmentName: '行政部',
  custodianName: '张三',
  supplierName: '联想（北京）有限公司',
  purchaseDate: '2024-03-15',
  inServiceDate: '2024-03-20',
  companyName: '示例科技有限公司',
};
