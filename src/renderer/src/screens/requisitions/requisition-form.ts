// The requisition form's draft lines and their conversion to and from the API's line shape.
import type { RequisitionLineInput } from '../../../../main/modules/requisitions/contract';

export interface LineDraft {
  categoryId: number | null;
  spec: string;
  quantity: number;
  unitPrice: number | null;
  reason: string;
  /** '' for none (a date input's empty value). */
  neededBy: string;
}

export const emptyLine = (): LineDraft => ({
  categoryId: null,
  spec: '',
  quantity: 1,
  unitPrice: null,
  reason: '',
  neededBy: '',
});

export function toDrafts(lines: readonly RequisitionLineInput[]): LineDraft[] {
  return lines.map((l) => ({
    categoryId: l.categoryId,
    spec: l.spec,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    reason: l.reason,
    neededBy: l.neededBy ?? '',
  }));
}

/** What the API takes; blanks are sent as they are so the server names the field that is missing. */
export function toInput(lines: readonly LineDraft[]): RequisitionLineInput[] {
  return lines.map((l) => ({
    categoryId: l.categoryId as number,
    spec: l.spec,
    quantity: Number(l.quantity),
    unitPrice: l.unitPrice as number,
    reason: l.reason,
    neededBy: l.neededBy || null,
  }));
}
