// Approval engine texts: what the engine writes into a trail by itself (skipped steps).
export const messages = {
  'zh-CN': {
    'approvals.skip.requester': '审批人即申请人，本步骤自动跳过',
    'approvals.skip.sameApprover': '审批人已在前面的步骤审批，本步骤自动跳过',
  },
  en: {
    'approvals.skip.requester': 'Skipped: the approver is the requester',
    'approvals.skip.sameApprover': 'Skipped: the same person approves an earlier step',
  },
};
