// Inbound handlers: receive (document, receipt, assets), then labels and RFID for what was made;
// acceptance sessions and reading documents.
import type { z } from 'zod';
import type { Ctx, HandlersOf } from '../../api/context';
import { AppError } from '../../api/errors';
import { labelsHandlers } from '../labels/handlers';
import { devicesHandlers } from '../devices/handlers';
import { registerScanTarget } from '../scans/routing';
import type { inboundContract, ReceiveInput, ReceiveResult } from './contract';
import { receive, receiptByRequest } from './receive';
import { getReceipt, listReceipts } from './rows';
import { acceptanceScanTarget, getSession, setLine, startSession, stopSession } from './sessions';

// Device scans on a station with an open acceptance go into it.
registerScanTarget(acceptanceScanTarget);

function assetsOf(ctx: Ctx, receiptId: number): number[] {
  return ctx.sqlite
    .prepare('SELECT asset_id FROM inbound_units WHERE receipt_id = ? ORDER BY id')
    .pluck()
    .all(receiptId) as number[];
}

function receiveAndLabel(ctx: Ctx, input: z.output<typeof ReceiveInput>): ReceiveResult {
  const prior = receiptByRequest(ctx, input.requestId);
  if (prior !== undefined) {
    return {
      receipt: getReceipt(ctx, prior),
      assetIds: assetsOf(ctx, prior),
      jobId: null,
      epc: null,
      rfidPending: [],
      replayed: true,
    };
  }
  const { receiptId, assetIds } = receive(ctx, input);
  let epc: string | null = null;
  let rfidPending: number[] = [];
  if (input.rfid && assetIds.length === 1) {
    // One new asset: its tag is the one in the reader's field. A reader that is missing or offline
    // (refused before anything is written) must not undo the acceptance: the tag stays pending.
    try {
      epc = devicesHandlers['rfid.writeEpc'](ctx, { ...input.rfid, assetId: assetIds[0]! }).epc;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      rfidPending = assetIds;
    }
  } else if (input.rfid) rfidPending = assetIds;
  let jobId: string | null = null;
  // Started last: the print job runs after this transaction has committed the assets it prints.
  if (input.print !== false && assetIds.length && ctx.user().permissions.has('labels.print')) {
    jobId = labelsHandlers['labels.print'](ctx, {
      ...input.print,
      assetIds,
      startPosition: 1,
      copies: 1,
    }).jobId;
  }
  return { receipt: getReceipt(ctx, receiptId), assetIds, jobId, epc, rfidPending, replayed: false };
}

export const inboundHandlers: HandlersOf<typeof inboundContract> = {
  'inbound.receive': receiveAndLabel,
  'inbound.get': (ctx, { id }) => getReceipt(ctx, id),
  'inbound.list': (ctx, input) => listReceipts(ctx, input),
  'inbound.sessions.start': (ctx, input) => startSession(ctx, input),
  'inbound.sessions.setLine': (ctx, { id, currentLine }) => {
    const s = setLine(ctx, id, currentLine);
    ctx.audit({ entity: 'inboundSession', entityId: id, details: { currentLine } });
    return s;
  },
  'inbound.sessions.get': (ctx, { id }) => getSession(ctx, id),
  'inbound.sessions.stop': (ctx, { id }) => {
    const s = stopSession(ctx, id);
    // Named like the other session rows (the default would say entity "sessions").
    ctx.audit({ entity: 'inboundSession', entityId: id, details: { status: s.status } });
    return s;
  },
};
