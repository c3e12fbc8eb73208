// Disposal handlers: thin over write.ts and rows.ts. Importing this file registers the 'disposal'
// kind with the approval engine (in write.ts).
import type { HandlersOf } from '../../api/context';
import type { disposalsContract } from './contract';
import { disposalDto, listDisposals } from './rows';
import { cancelDisposal, createDisposalRequest, submitDisposal, updateDisposal } from './write';

export const disposalsHandlers: HandlersOf<typeof disposalsContract> = {
  'disposals.create': (ctx, input) => disposalDto(ctx, createDisposalRequest(ctx, input)),
  'disposals.cancel': (ctx, input) => {
    cancelDisposal(ctx, input);
    return disposalDto(ctx, input.id);
  },
  'disposals.update': (ctx, input) => {
    updateDisposal(ctx, input);
    return disposalDto(ctx, input.id);
  },
  'disposals.submit': (ctx, input) => {
    submitDisposal(ctx, input);
    return disposalDto(ctx, input.id);
  },
  'disposals.get': (ctx, { id }) => disposalDto(ctx, id),
  'disposals.list': (ctx, input) => listDisposals(ctx, input),
};
