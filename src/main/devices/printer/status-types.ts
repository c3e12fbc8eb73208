// Printer status as the API reports it (pure types, shared with the renderer).

export type PrinterProtocol = 'zpl' | 'tspl';

export interface PrinterStatus {
  /** False when the printer did not answer (Zebra firmware stays silent on media out / head open). */
  responding: boolean;
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
  paperJam: boolean;
  printing: boolean;
  /** Answers ready when nothing stops printing (pause counts: the job would wait). */
  ready: boolean;
}

/** What a configured printer said last (labels.printerStatus, 'printer.status' events). */
export interface PrinterStatusReport {
  deviceId: number;
  checkedAt: string;
  /** null when the printer could not be reached at all. */
  status: PrinterStatus | null;
  /** i18n keys (labels.printer.*): empty when ready. */
  problems: string[];
}
