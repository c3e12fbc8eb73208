// Depreciation API handlers: thin wrappers over the pure engine.
import type { HandlersOf } from '../../api/context';
import type { depreciationContract } from './contract';
import { computeSchedule } from './engine';

export const depreciationHandlers: HandlersOf<typeof depreciationContract> = {
  'depreciation.preview': (_ctx, input) => computeSchedule(input),
};
