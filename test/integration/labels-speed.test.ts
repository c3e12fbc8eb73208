// The speed bar: 1,000 labels to PDF in ≤ 10 s, through the API on a real database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';

let t: TestCore;
let ids: number[] = [];
beforeAll(() => {
  t = startTestCore();
  const fx = seedLedger(t.core.services.sqlite);
  const ins = t.core.services.sqlite.prepare(
    `INSERT INTO assets (asset_code, name, category_id, life_months, department_id, created_at, updated_at)
     VALUES (?, ?, ?, 36, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
  );
  ids = Array.from({ length: 1000 }, (_, i) =>
    Number(
      ins.run(
        `ZC2024${String(i).padStart(6, '0')}`,
        `联想笔记本电脑 ThinkPad X1 第${i}台`,
        fx.cat.laptops,
        fx.dept.it,
      ).lastInsertRowid,
    ),
  );
});
afterAll(async () => {
  await t.close();
});

it('1,000 thermal labels to one PDF in under 10 s', () => {
  const t0 = performance.now();
  const r = t.call(t.adminToken, 'labels.render', { assetIds: ids });
  const ms = performance.now() - t0;
  console.log(
    `labels.render: 1000 labels in ${ms.toFixed(0)} ms, ${((r.pdf.length * 0.75) / 1024).toFixed(0)} KB`,
  );
  expect(r.pages).toBe(1000);
  expect(ms).toBeLessThan(10_000);
});
