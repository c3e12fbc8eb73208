// Words for approval steps and statuses shared by the inbox, the trail and the act panel.
import type { ApprovalStepDto } from '../../../../main/modules/approvals/contract';
import { t } from '../../lib/i18n/index.svelte';

/** Who may act on a step: the named person, else the role. */
export function stepApprover(s: Pick<ApprovalStepDto, 'assigneeName' | 'roleKey' | 'approverType'>): string {
  if (s.assigneeName) return s.assigneeName;
  if (s.roleKey) return t('approvals.anyoneInRole', { role: t(`role.${s.roleKey}`) });
  return t(`approvals.approver.${s.approverType}`);
}

export function stepTag(status: string): string {
  if (status === 'approved') return 'ok';
  if (status === 'pending') return 'warn';
  if (status === 'rejected' || status === 'returned') return 'danger';
  return '';
}

/** The document's own screen, where its detail and the act panel are. */
export function documentHref(kind: string, id: number): string {
  return `#/approvals/${kind}/${id}`;
}
