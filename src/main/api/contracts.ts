// Every module's contract in one map: the dispatcher's table, the renderer's types, docs/api.md.
import type { z } from 'zod';
import { assetsContract } from '../modules/assets/contract';
import { auditContract } from '../modules/audit/contract';
import { backupContract } from '../modules/backup/contract';
import { depreciationContract } from '../modules/depreciation/contract';
import { ioContract } from '../modules/io/contract';
import { jobsContract } from '../modules/jobs/contract';
import { labelsContract } from '../modules/labels/contract';
import { settingsContract } from '../modules/settings/contract';
import { systemContract } from '../modules/system/contract';
import { usersContract } from '../modules/users/contract';
import { periodsContract } from '../modules/periods/contract';
import { changesContract } from '../modules/changes/contract';
import { devicesContract } from '../modules/devices/contract';
import { scansContract } from '../modules/scans/contract';
import { reportsContract } from '../modules/reports/contract';
import { vouchersContract } from '../modules/vouchers/contract';
import { taxBookContract } from '../modules/tax-book/contract';
import { usageContract } from '../modules/usage/contract';

import { countsContract } from '../modules/counts/contract';
import { approvalsContract } from '../modules/approvals/contract';
import { requisitionsContract } from '../modules/requisitions/contract';
import { purchaseOrdersContract } from '../modules/purchase-orders/contract';
import { inboundContract } from '../modules/inbound/contract';
import { transfersContract } from '../modules/transfers/contract';
import { loansContract } from '../modules/loans/contract';
import { repairsContract } from '../modules/repairs/contract';
import { disposalsContract } from '../modules/disposals/contract';

export const contracts = {
  ...systemContract,
  ...usersContract,
  ...settingsContract,
  ...assetsContract,
  ...depreciationContract,
  ...periodsContract,
  ...changesContract,
  ...auditContract,
  ...jobsContract,
  ...labelsContract,
  ...ioContract,
  ...backupContract,
  ...devicesContract,
  ...scansContract,
  ...reportsContract,
  ...vouchersContract,
  ...taxBookContract,
  ...usageContract,
  ...countsContract,
  ...approvalsContract,
  ...requisitionsContract,
  ...purchaseOrdersContract,
  ...inboundContract,
  ...transfersContract,
  ...loansContract,
  ...repairsContract,
  ...disposalsContract,
};

export type Contracts = typeof contracts;
export type MethodName = keyof Contracts;
export type InputOf<M extends MethodName> = z.input<Contracts[M]['input']>;
export type ResultOf<M extends MethodName> = Contracts[M]['result'];
