// The label font shipped in resources/fonts (WenQuanYi Micro Hei, Apache-2.0): where it is, and
// text metrics measured by pdfkit itself so layout and PDF output agree to the glyph.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

export const LABEL_FONT_FILE = 'wqy-microhei.ttc';
/** PostScript name of the proportional face inside the collection (the other is the mono face). */
export const LABEL_FONT_FACE = 'WenQuanYiMicroHei';
/** What the SVG preview asks the screen for; sizes are pinned with textLength, so a fallback font still lines up. */
export const LABEL_FONT_CSS = "'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** FAMS_RESOURCES_DIR (packaged app), Electron's resourcesPath, else the checkout's resources/. */
export function labelFontPath(): string {
  const candidates: string[] = [];
  if (process.env.FAMS_RESOURCES_DIR) candidates.push(join(process.env.FAMS_RESOURCES_DIR, 'fonts'));
  // Electron adds resourcesPath to process; plain Node has none.
  const rp = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (rp) candidates.push(join(rp, 'fonts'), join(rp, 'resources', 'fonts'));
  candidates.push(join(process.cwd(), 'resources', 'fonts'));
  for (const dir of candidates) {
    const file = join(dir, LABEL_FONT_FILE);
    if (existsSync(file)) return file;
  }
  throw new Error(`label font ${LABEL_FONT_FILE} not found in ${candidates.join(', ')}`);
}

export interface FontMetrics {
  /** Advance width of `text` at 1 mm font size, in mm. */
  width(text: string): number;
  /** Ascender and descender (positive) as fractions of the font size. */
  ascent: number;
  descent: number;
}

let metrics: FontMetrics | null = null;

export function labelFontMetrics(): FontMetrics {
  if (metrics) return metrics;
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('label', labelFontPath(), LABEL_FONT_FACE);
  doc.font('label').fontSize(1000);
  // pdfkit keeps the font's vertical metrics on its private font object (per 1000 units).
  const f = (doc as unknown as { _font: { ascender: number; descender: number } })._font;
  const cache = new Map<string, number>();
  const charWidth = (ch: string): number => {
    let w = cache.get(ch);
    if (w === undefined) {
      w = doc.widthOfString(ch) / 1000;
      cache.set(ch, w);
    }
    return w;
  };
  metrics = {
    width(text: string) {
      let sum = 0;
      for (const ch of text) sum += charWidth(ch);
      return sum;
    },
    ascent: f.ascender / 1000,
    descent: Math.abs(f.descender) / 1000,
  };
  return metrics;
}
