// Every module's handlers in one map, keyed by method name.
import type { HandlerFn } from './context';
import { assetsHandlers } from '../modules/assets/handlers';
import { auditHandlers } from '../modules/audit/handlers';
import { depreciationHandlers } from '../modules/depreciation/handlers';
import { jobsHandlers } from '../modules/jobs/handlers';
import { settingsHandlers } from '../modules/settings/handlers';
import { systemHandlers } from '../modules/system/handlers';
import { authHandlers, usersHandlers } from '../modules/users/handlers';

export const handlers = {
  ...systemHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...assetsHandlers,
  ...depreciationHandlers,
  ...auditHandlers,
  ...jobsHandlers,
} as unknown as Record<string, HandlerFn<never>>;
