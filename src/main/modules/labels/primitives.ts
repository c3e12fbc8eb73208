// What the label layout produces (pure types, shared with the renderer): primitives in mm.

export type Primitive =
  | {
      kind: 'text';
      /** Left edge of this line (already aligned), top of its line box, and the baseline. */
      x: number;
      y: number;
      baseline: number;
      /** Font size (em) in mm. */
      size: number;
      /** Measured advance width in mm: the preview pins the screen font to it. */
      width: number;
      text: string;
      bold: boolean;
    }
  | { kind: 'rect'; x: number; y: number; w: number; h: number }
  | { kind: 'frame'; x: number; y: number; w: number; h: number; t: number }
  | {
      kind: 'qr';
      /** Top-left of the symbol itself (quiet zone excluded). */
      x: number;
      y: number;
      module: number;
      count: number;
      data: string;
      ecc: 'L' | 'M' | 'Q' | 'H';
      /** Dark runs per row: [col, row, length] in modules. */
      runs: [number, number, number][];
    }
  | {
      kind: 'code128';
      x: number;
      y: number;
      h: number;
      module: number;
      data: string;
      /** Bars as [start, width] in modules from x. */
      bars: [number, number][];
      modules: number;
    }
  | { kind: 'logo'; x: number; y: number; w: number; h: number };

export interface LabelLayout {
  widthMm: number;
  heightMm: number;
  dpi: number;
  primitives: Primitive[];
  /** i18n keys with the element index, e.g. codes that cannot be printed at this size. */
  warnings: { element: number; key: string }[];
}

export interface Slot {
  /** 0-based page (sheet) index; for label-size pages, one page per label. */
  page: number;
  /** Top-left of the label on its page, in mm. */
  x: number;
  y: number;
}
