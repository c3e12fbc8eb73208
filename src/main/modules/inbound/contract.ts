// Inbound acceptance API (入库验收): receiving against a purchase order or without one, each accepted
// unit becoming an asset in the same transaction, labels and RFID in the same flow, and acceptance
// sessions that collect scanned serial numbers.
import { z } from 'zod';
import { method } from '../../api/contract';
import { dateStr, fen, id, paging, requiredText, trimmed, type Page } from '../../api/schemas';

export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

const attachment = z.object({
  fileName: requiredText(255),
  mime: z.string().trim().min(1).max(100),
  kind: z.enum(['photo', 'invoice', 'other']).default('photo'),
  /** File content, base64; at most 20 MB decoded. */
  data: z.string().min(1).max(28_000_000),
});

const serial = z.string().trim().min(1, 'validation.required').max(100);

export const InboundLineInput = z.object({
  /** The purchase order line received; omitted when receiving without an order. */
  lineId: id.optional(),
  /** Units delivered on this line (those that pass become assets, one each). */
  quantity: z.number().int().min(1).max(1000),
  /** One per unit when given (scanned or typed); empty when the goods carry none. */
  serialNos: z.array(serial).max(1000).default([]),
  locationId: id,
  custodianId: id.nullable().optional(),
  /** Using department; defaults to the custodian's department. */
  departmentId: id.nullable().optional(),
  inServiceDate: dateStr,
  inspection: z.enum(INSPECTION_RESULTS).default('pass'),
  inspectionNote: trimmed(1000).default(''),
  warrantyEnd: dateStr.nullable().optional(),
  /** Without a PO: what the goods are. With a PO these default from the order line. */
  categoryId: id.optional(),
  name: trimmed(200).optional(),
  spec: trimmed(200).optional(),
  /** Fen per unit; required without a PO. */
  unitPrice: fen.optional(),
  /** Photos, invoice: attached to every asset the line makes. */
  attachments: z.array(attachment).max(20).default([]),
});
export type InboundLineInput = z.infer<typeof InboundLineInput>;

export const ReceiveInput = z.object({
  purchaseOrderId: id.optional(),
  /** Idempotency key: receiving again with the same key answers the stored acceptance and creates nothing. */
  requestId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{8,80}$/, 'validation.requestId')
    .optional(),
  /** Without a PO: the supplier the goods came from. */
  supplierId: id.optional(),
  receiveDate: dateStr.optional(),
  notes: trimmed(1000).default(''),
  lines: z.array(InboundLineInput).min(1).max(200),
  /** Document-level files (e.g. the invoice), attached to every new asset. */
  attachments: z.array(attachment).max(20).default([]),
  /** Labels for the new assets as a labels.print job (default: a PDF); false: none. */
  print: z
    .union([
      z.literal(false),
      z.object({
        templateId: id.optional(),
        deviceId: id.optional(),
        output: z.enum(['pdf', 'zpl', 'tspl']).optional(),
        printer: z
          .object({
            host: z.string().trim().min(1).max(255),
            port: z.number().int().min(1).max(65535).default(9100),
          })
          .optional(),
      }),
    ])
    .default({}),
  /** Write the asset code to the RFID tag in the reader's field (one new asset), else listed as pending. */
  rfid: z.object({ deviceId: id, format: z.enum(['ascii', 'giai96']).default('ascii') }).optional(),
  /** An acceptance session whose scanned serials fill lines given without serialNos; line keys are the PO line id, or #1, #2, … by position without a PO. */
  sessionId: id.optional(),
});

export interface InboundUnitDto {
  assetId: number;
  assetCode: string;
  serialNo: string;
}

export interface InboundLineDto {
  id: number;
  lineNo: number;
  purchaseOrderLineId: number | null;
  categoryId: number;
  categoryName: string;
  name: string;
  spec: string;
  unitPrice: number;
  quantity: number;
  acceptedQuantity: number;
  inspection: InspectionResult;
  inspectionNote: string;
  serialNos: string[];
  warrantyEnd: string | null;
  locationId: number | null;
  locationName: string | null;
  departmentId: number | null;
  custodianId: number | null;
  custodianName: string | null;
  inServiceDate: string;
  units: InboundUnitDto[];
}

export interface InboundReceiptListRow {
  id: number;
  number: string;
  purchaseOrderId: number | null;
  purchaseOrderNumber: string | null;
  supplierId: number | null;
  supplierName: string | null;
  receiveDate: string;
  assetCount: number;
  createdByName: string | null;
  createdAt: string;
}

export interface InboundReceiptDto extends InboundReceiptListRow {
  requestId: string | null;
  notes: string;
  lines: InboundLineDto[];
  /** Distinct files attached to the new assets (photos, invoice). */
  attachments: { sha256: string; fileName: string; mime: string; kind: string; size: number }[];
  version: number;
}

export interface ReceiveResult {
  receipt: InboundReceiptDto;
  /** Every asset made, in line and unit order. */
  assetIds: number[];
  /** The labels.print job for the new assets (jobs.get for the PDF), or null. */
  jobId: string | null;
  /** EPC written to the tag in the field (one new asset), else null. */
  epc: string | null;
  /** New assets whose tags still need writing (rfid.writeEpc with assetId, one tag at a time). */
  rfidPending: number[];
  /** True when the requestId had been received before: nothing was created this time. */
  replayed: boolean;
}

export interface InboundSessionDto {
  id: number;
  station: string;
  purchaseOrderId: number | null;
  currentLine: string;
  status: 'active' | 'stopped';
  /** Scanned serials per line key, in scan order. */
  serials: Record<string, string[]>;
  startedAt: string;
  stoppedAt: string | null;
  version: number;
}

const station = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'validation.station');
const lineKey = z.string().trim().min(1).max(40);

export const inboundContract = {
  'inbound.receive': method<ReceiveResult>()({
    input: ReceiveInput,
    access: 'inbound.receive',
    mode: 'write',
    summary:
      'Accept goods into the ledger (入库验收) as one document IN-YYYYMM-NNNN: per line the inspection result, serial numbers, warranty, location, custodian and files; each unit of a passed line becomes an asset (code from the code rule, depreciation defaults from the category, cost = unit price, supplier and PO number from the order) in the same transaction as the order’s receipt. Partial receipts allowed, over-receipt refused (errors.poOverReceipt). Idempotent: the same requestId answers the stored document (replayed: true), and a PO line + serial already received is refused (DUPLICATE). Labels are queued as a labels.print job.',
    returns: '{ receipt: InboundReceiptDto, assetIds, jobId, epc, rfidPending, replayed }',
  }),
  'inbound.get': method<InboundReceiptDto>()({
    input: z.object({ id }),
    access: ['inbound.receive', 'assets.read'],
    mode: 'read',
    summary: 'An acceptance document with its lines and the assets each made.',
    returns: 'InboundReceiptDto',
  }),
  'inbound.list': method<Page<InboundReceiptListRow>>()({
    input: z.object({ purchaseOrderId: id.optional(), query: trimmed(100).optional(), ...paging }),
    access: ['inbound.receive', 'assets.read'],
    mode: 'read',
    summary: 'Acceptance documents, newest first.',
    returns: '{ rows: InboundReceiptListRow[], total }',
  }),
  'inbound.sessions.start': method<InboundSessionDto>()({
    input: z.object({ station, purchaseOrderId: id.optional(), currentLine: lineKey.optional() }),
    access: 'inbound.receive',
    mode: 'write',
    summary:
      'Open an acceptance session on a scanning station: device scans there land on its current line as serial numbers (before the UI hears of them). A station has one active session; starting again replaces it.',
    returns: 'InboundSessionDto',
  }),
  'inbound.sessions.setLine': method<InboundSessionDto>()({
    input: z.object({ id, currentLine: lineKey }),
    access: 'inbound.receive',
    mode: 'write',
    summary:
      'Move the session’s cursor: later scans go to this line key (a PO line id or the client’s label).',
    returns: 'InboundSessionDto',
  }),
  'inbound.sessions.get': method<InboundSessionDto>()({
    input: z.object({ id }),
    access: 'inbound.receive',
    mode: 'read',
    summary: 'A session with the serials scanned so far per line.',
    returns: 'InboundSessionDto',
  }),
  'inbound.sessions.stop': method<InboundSessionDto>()({
    input: z.object({ id }),
    access: 'inbound.receive',
    mode: 'write',
    summary: 'Close a session; scans on its station go back to “find”.',
    returns: 'InboundSessionDto',
  }),
};
