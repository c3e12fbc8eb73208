// Every module's handlers in one map, keyed by method name.
import type { HandlerFn } from './context';
import { assetsHandlers } from '../modules/assets/handlers';
import { auditHandlers } from '../modules/audit/handlers';
import { backupHandlers } from '../modules/backup/handlers';
import { depreciationHandlers } from '../modules/depreciation/handlers';
import { ioHandlers } from '../modules/io/handlers';
import { jobsHandlers } from '../modules/jobs/handlers';
import { labelsHandlers } from '../modules/labels/handlers';
import { settingsHandlers } from '../modules/settings/handlers';
import { systemHandlers } from '../modules/system/handlers';
import { authHandlers, usersHandlers } from '../modules/users/handlers';
import { periodsHandlers } from '../modules/periods/handlers';
import { changesHandlers } from '../modules/changes/handlers';
import { devicesHandlers } from '../modules/devices/handlers';
import { scansHandlers } from '../modules/scans/handlers';
import { reportsHandlers } from '../modules/reports/handlers';
import { vouchersHandlers } from '../modules/vouchers/handlers';
import { taxBookHandlers } from '../modules/tax-book/handlers';
import { usageHandlers } from '../modules/usage/handlers';

import { countsHandlers } from '../modules/counts/handlers';
import { approvalsHandlers } from '../modules/approvals/handlers';
import { requisitionsHandlers } from '../modules/requisitions/handlers';
import { purchaseOrdersHandlers } from '../modules/purchase-orders/handlers';
import { inboundHandlers } from '../modules/inbound/handlers';
import { transfersHandlers } from '../modules/transfers/handlers';
import { loansHandlers } from '../modules/loans/handlers';
import { repairsHandlers } from '../modules/repairs/handlers';
import { disposalsHandlers } from '../modules/disposals/handlers';

export const handlers = {
  ...systemHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...assetsHandlers,
  ...depreciationHandlers,
  ...periodsHandlers,
  ...changesHandlers,
  ...auditHandlers,
  ...jobsHandlers,
  ...labelsHandlers,
  ...ioHandlers,
  ...backupHandlers,
  ...devicesHandlers,
  ...scansHandlers,
  ...reportsHandlers,
  ...vouchersHandlers,
  ...taxBookHandlers,
  ...usageHandlers,
  ...countsHandlers,
  ...approvalsHandlers,
  ...requisitionsHandlers,
  ...purchaseOrdersHandlers,
  ...inboundHandlers,
  ...transfersHandlers,
  ...loansHandlers,
  ...repairsHandlers,
  ...disposalsHandlers,
} as unknown as Record<string, HandlerFn<never>>;
