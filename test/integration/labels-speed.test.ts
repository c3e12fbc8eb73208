// 1,000 labels in one labels.render call: one page per label, in order, and the codes on every
// 100th page read back to that asset's code. How fast is the benchmark's business
// (test/bench/devices.bench.ts, target ≤ 10 s), not asserted here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';
import { decodeCodes, requireTools } from './labels-helpers';

let t: TestCore;
let ids: number[] = [];
let dir: string;
beforeAll(() => {
  requireTools();
  dir = mkdtempSync(join(tmpdir(), 'fams-labels-1000-'));
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
  rmSync(dir, { recursive: true, force: true });
});

it('1,000 thermal labels to one PDF: 1,000 pages, every 100th page decodes to its asset code', () => {
  const r = t.call(t.adminToken, 'labels.render', { assetIds: ids });
  expect(r.labels).toBe(1000);
  expect(r.pages).toBe(1000);
  const pdf = join(dir, 'labels.pdf');
  writeFileSync(pdf, Buffer.from(r.pdf, 'base64'));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/^Pages:\s+1000$/m);
  for (let page = 1; page <= 1000; page += 100) {
    const out = join(dir, `p${page}`);
    execFileSync('pdftoppm', [
      '-r',
      '300',
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      pdf,
      out,
    ]);
    const code = `ZC2024${String(page - 1).padStart(6, '0')}`;
    expect(decodeCodes(`${out}.png`).sort(), `page ${page}`).toEqual([`CODE-128:${code}`, `QR-Code:${code}`]);
  }
});
