// Purchase order handlers: thin over orders.ts.
import type { HandlersOf } from '../../api/context';
import type { purchaseOrdersContract } from './contract';
import {
  cancelOrder,
  createFromRequisition,
  createOrder,
  getOrder,
  listOrders,
  markBoughtOutside,
} from './orders';
import { requisitionDto } from '../requisitions/rows';

export const purchaseOrdersHandlers: HandlersOf<typeof purchaseOrdersContract> = {
  'purchaseOrders.createFromRequisition': (ctx, input) => getOrder(ctx, createFromRequisition(ctx, input)),
  'purchaseOrders.create': (ctx, input) => getOrder(ctx, createOrder(ctx, input)),
  'purchaseOrders.get': (ctx, { id }) => getOrder(ctx, id),
  'purchaseOrders.list': (ctx, input) => listOrders(ctx, input),
  'purchaseOrders.markBoughtOutside': (ctx, input) => {
    markBoughtOutside(ctx, input);
    return requisitionDto(ctx, input.requisitionId, false);
  },
  'purchaseOrders.cancel': (ctx, input) => {
    cancelOrder(ctx, input);
    return getOrder(ctx, input.id);
  },
};
