// Reading acceptance documents: the document with its lines, the assets each line made and the
// files attached to them; the newest-first list.
import type { Ctx } from '../../api/context';
import { notFound } from '../../api/errors';
import type { Page } from '../../api/schemas';
import type { InboundLineDto, InboundReceiptDto, InboundReceiptListRow, InspectionResult } from './contract';

const LIST_SELECT = `SELECT r.id, r.number, r.purchase_order_id AS purchaseOrderId, o.number AS purchaseOrderNumber,
  r.supplier_id AS supplierId, s.name AS supplierName, r.receive_date AS receiveDate,
  (SELECT count(*) FROM inbound_units u WHERE u.receipt_id = r.id) AS assetCount,
  cu.display_name AS createdByName, r.created_at AS createdAt, r.request_id AS requestId, r.notes, r.version
  FROM inbound_receipts r LEFT JOIN purchase_orders o ON o.id = r.purchase_order_id
  LEFT JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN users cu ON cu.id = r.created_by`;

interface LineRow {
  id: number;
  line_no: number;
  purchase_order_line_id: number | null;
  category_id: number;
  category_name: string;
  name: string;
  spec: string;
  unit_price: number;
  quantity: number;
  accepted_quantity: number;
  inspection: InspectionResult;
  inspection_note: string;
  serial_nos: string;
  warranty_end: string | null;
  location_id: number | null;
  location_name: string | null;
  department_id: number | null;
  custodian_id: number | null;
  custodian_name: string | null;
  in_service_date: string;
}

export function getReceipt(ctx: Ctx, id: number): InboundReceiptDto {
  const head = ctx.sqlite.prepare(`${LIST_SELECT} WHERE r.id = ?`).get(id) as
    (InboundReceiptListRow & { requestId: string | null; notes: string; version: number }) | undefined;
  if (!head) throw notFound('inbound', id);
  const lines = ctx.sqlite
    .prepare(
      `SELECT l.*, c.name AS category_name, lo.name AS location_name, cu.name AS custodian_name
       FROM inbound_lines l JOIN categories c ON c.id = l.category_id LEFT JOIN locations lo ON lo.id = l.location_id
       LEFT JOIN custodians cu ON cu.id = l.custodian_id WHERE l.receipt_id = ? ORDER BY l.line_no`,
    )
    .all(id) as LineRow[];
  const units = ctx.sqlite
    .prepare(
      `SELECT u.line_id, u.asset_id AS assetId, a.asset_code AS assetCode, u.serial_no AS serialNo
       FROM inbound_units u JOIN assets a ON a.id = u.asset_id WHERE u.receipt_id = ? ORDER BY u.id`,
    )
    .all(id) as { line_id: number; assetId: number; assetCode: string; serialNo: string }[];
  const attachments = ctx.sqlite
    .prepare(
      `SELECT sha256, min(file_name) AS fileName, min(mime) AS mime, min(kind) AS kind, min(size) AS size
       FROM attachments WHERE deleted_at IS NULL AND asset_id IN (SELECT asset_id FROM inbound_units WHERE receipt_id = ?)
       GROUP BY sha256 ORDER BY min(id)`,
    )
    .all(id) as InboundReceiptDto['attachments'];
  return {
    ...head,
    attachments,
    lines: lines.map((l): InboundLineDto => ({
      id: l.id,
      lineNo: l.line_no,
      purchaseOrderLineId: l.purchase_order_line_id,
      categoryId: l.category_id,
      categoryName: l.category_name,
      name: l.name,
      spec: l.spec,
      unitPrice: l.unit_price,
      quantity: l.quantity,
      acceptedQuantity: l.accepted_quantity,
      inspection: l.inspection,
      inspectionNote: l.inspection_note,
      serialNos: JSON.parse(l.serial_nos) as string[],
      warrantyEnd: l.warranty_end,
      locationId: l.location_id,
      locationName: l.location_name,
      departmentId: l.department_id,
      custodianId: l.custodian_id,
      custodianName: l.custodian_name,
      inServiceDate: l.in_service_date,
      units: units
        .filter((u) => u.line_id === l.id)
        .map((u) => ({ assetId: u.assetId, assetCode: u.assetCode, serialNo: u.serialNo })),
    })),
  };
}

export function listReceipts(
  ctx: Ctx,
  f: { purchaseOrderId?: number; query?: string; offset: number; limit: number },
): Page<InboundReceiptListRow> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.purchaseOrderId !== undefined) {
    where.push('r.purchase_order_id = ?');
    args.push(f.purchaseOrderId);
  }
  if (f.query) {
    where.push('(r.number LIKE ? OR o.number LIKE ? OR s.name LIKE ?)');
    const like = `%${f.query}%`;
    args.push(like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.sqlite
    .prepare(
      `SELECT count(*) FROM inbound_receipts r LEFT JOIN purchase_orders o ON o.id = r.purchase_order_id
       LEFT JOIN suppliers s ON s.id = r.supplier_id ${w}`,
    )
    .pluck()
    .get(...args) as number;
  const rows = ctx.sqlite
    .prepare(`${LIST_SELECT} ${w} ORDER BY r.id DESC LIMIT ? OFFSET ?`)
    .all(...args, f.limit, f.offset) as (InboundReceiptListRow & Record<string, unknown>)[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      purchaseOrderId: r.purchaseOrderId,
      purchaseOrderNumber: r.purchaseOrderNumber,
      supplierId: r.supplierId,
      supplierName: r.supplierName,
      receiveDate: r.receiveDate,
      assetCount: r.assetCount,
      createdByName: r.createdByName,
      createdAt: r.createdAt,
    })),
  };
}
