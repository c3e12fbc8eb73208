// Repair handlers: thin over write.ts, rows.ts and costs.ts.
import type { HandlersOf } from '../../api/context';
import type { repairsContract } from './contract';
import { listRepairs, repairDto } from './rows';
import { closeRepair, createRepair, updateRepair } from './write';
import { repairCosts } from './costs';

export const repairsHandlers: HandlersOf<typeof repairsContract> = {
  'repairs.create': (ctx, input) => repairDto(ctx, createRepair(ctx, input)),
  'repairs.update': (ctx, input) => {
    updateRepair(ctx, input);
    return repairDto(ctx, input.id);
  },
  'repairs.close': (ctx, input) => {
    closeRepair(ctx, input);
    return repairDto(ctx, input.id);
  },
  'repairs.get': (ctx, { id }) => repairDto(ctx, id),
  'repairs.list': (ctx, input) => listRepairs(ctx, input),
  'repairs.costs': (ctx, { from, to }) => repairCosts(ctx, from, to),
};
