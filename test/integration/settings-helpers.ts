// Shared set-up for the settings integration tests: a clerk account and raw asset rows (the
// ledger's own API is not needed to prove that settings refuse to delete what assets use).
import type { TestCore } from '../helpers/core';
import { insertUser } from '../../src/main/modules/users/accounts';
import { hashPassword } from '../../src/main/modules/users/passwords';

export const CLERK_PASSWORD = 'clerk-pass-123';

export function clerkToken(t: TestCore): string {
  const { sqlite } = t.core.services;
  insertUser(
    sqlite,
    {
      username: 'clerk1',
      displayName: '盘点员',
      passwordHash: hashPassword(CLERK_PASSWORD),
      roles: ['clerk'],
      mustChangePassword: false,
    },
    new Date().toISOString(),
  );
  return t.login('clerk1', CLERK_PASSWORD);
}

let seq = 0;
export function insertAsset(
  t: TestCore,
  refs: {
    categoryId: number;
    code?: string;
    locationId?: number;
    departmentId?: number;
    custodianId?: number;
    supplierId?: number;
  },
): number {
  const now = new Date().toISOString();
  const r = t.core.services.sqlite
    .prepare(
      `INSERT INTO assets (asset_code, name, category_id, life_months, location_id, department_id, custodian_id,
         supplier_id, created_at, updated_at) VALUES (?, ?, ?, 60, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      refs.code ?? `T-${++seq}`,
      '测试资产',
      refs.categoryId,
      refs.locationId ?? null,
      refs.departmentId ?? null,
      refs.custodianId ?? null,
      refs.supplierId ?? null,
      now,
      now,
    );
  return Number(r.lastInsertRowid);
}

/** The error envelope of a call that must fail. */
export function failure(r: { ok: boolean; error?: unknown }) {
  if (r.ok) throw new Error('expected the call to fail');
  return r.error as { code: string; message: string; params?: Record<string, unknown>; details?: unknown };
}
