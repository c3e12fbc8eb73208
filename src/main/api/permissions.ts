// Every permission the API knows and the built-in roles (editable by an admin after setup).

export const PERMISSIONS = [
  'assets.read',
  'assets.readOwn',
  'assets.write',
  'assets.delete',
  'settings.read',
  'settings.write',
  'users.manage',
  'audit.read',
  'system.manage',
  'depreciation.read',
  'depreciation.run',
  'periods.close',
  'periods.reopen',
  'changes.create',
  'changes.approve',
  'backup.manage',
  'devices.manage',
  'scans.submit',
  'scans.read',
  'labels.print',
  'labels.design',
  'io.import',
  'io.export',
  'requisitions.create',
  'requisitions.read',
  'approvals.act',
  'approvals.templates',
  'purchaseOrders.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_KEYS = [
  'admin',
  'asset_manager',
  'clerk',
  'accountant',
  'approver',
  'auditor',
  'employee',
] as const;

export type RoleKey = (typeof ROLE_KEYS)[number];

export const DEFAULT_ROLES: Record<RoleKey, { name: string; description: string; permissions: Permission[] }> =
  {
    admin: { name: '系统管理员', description: 'Administrator', permissions: [...PERMISSIONS] },
    asset_manager: {
      name: '资产管理员',
      description: 'Asset manager',
      permissions: [
        'assets.read',
        'assets.write',
        'assets.delete',
        'settings.read',
        'settings.write',
        'depreciation.read',
        'changes.create',
        'devices.manage',
        'scans.submit',
        'scans.read',
        'labels.print',
        'labels.design',
        'io.import',
        'io.export',
        'requisitions.create',
        'requisitions.read',
        'approvals.act',
        'purchaseOrders.manage',
      ],
    },
    clerk: {
      name: '资产管理员助理/盘点员',
      description: 'Asset clerk / counter',
      permissions: ['assets.read', 'assets.write', 'settings.read', 'scans.submit', 'scans.read', 'labels.print', 'io.export', 'requisitions.create'],
    },
    accountant: {
      name: '财务',
      description: 'Accountant',
      permissions: [
        'assets.read',
        'settings.read',
        'depreciation.read',
        'depreciation.run',
        'periods.close',
        'changes.create',
        'changes.approve',
        'io.export',
        'requisitions.create',
        'requisitions.read',
        'approvals.act',
      ],
    },
    approver: { name: '审批人', description: 'Approver', permissions: ['assets.read', 'settings.read', 'io.export', 'requisitions.create', 'approvals.act'],
    },
    auditor: {
      name: '审计',
      description: 'Auditor (read-only plus the audit log)',
      permissions: ['assets.read', 'settings.read', 'audit.read', 'depreciation.read', 'scans.read', 'io.export', 'requisitions.read'],
    },
    employee: {
      name: '普通员工',
      description: 'Employee (own assets, requests)',
      permissions: ['assets.readOwn', 'settings.read', 'requisitions.create'],
    },
  };
