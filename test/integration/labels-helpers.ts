// Shared by the label tests: assets with Chinese names, waiting for jobs, and the Debian tools that
// turn a PDF into pixels (pdftoppm) and pixels back into codes (zbarimg).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCore } from '../helpers/core';
import { zbarDecode } from '../helpers/label-decode';
import { seedLedger } from '../helpers/ledger-fixtures';
import type { JobInfo } from '../../src/main/modules/jobs/contract';

export const CHINESE_NAMES = [
  '联想笔记本电脑 ThinkPad X1',
  '惠普激光打印机',
  '办公桌（实木）',
  '海尔冰箱 BCD-215',
];

export function makeAssets(
  t: TestCore,
  names = CHINESE_NAMES,
): { id: number; assetCode: string; name: string }[] {
  const fx = seedLedger(t.core.services.sqlite);
  return names.map((name, i) =>
    t.call(t.adminToken, 'assets.create', {
      name,
      categoryId: fx.cat.laptops,
      departmentId: fx.dept.it,
      custodianId: i % 2 ? fx.person.li : fx.person.zhang,
    } as never),
  );
}

export async function waitJob(t: TestCore, token: string, id: string, timeoutMs = 20000): Promise<JobInfo> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const job = t.call(token, 'jobs.get', { id });
    if (job.status !== 'running') return job;
    if (Date.now() > end) throw new Error(`job ${id} still running`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function requireTools(): void {
  for (const tool of ['pdftoppm', 'pdffonts', 'zbarimg']) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`]);
    if (r.status !== 0)
      throw new Error(`${tool} is missing: run scripts/install-deps.sh (poppler-utils, zbar-tools)`);
  }
}

/** Rasterises every page at `dpi` and returns the PNG paths in page order. */
export function pdfToPngs(pdf: Buffer, dpi = 300): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fams-labels-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every symbol zbarimg finds, as "QR-Code:…" / "CODE-128:…" lines (UTF-8 QR payloads read exactly). */
export function decodeCodes(png: string): string[] {
  return zbarDecode(png).map((c) => `${c.symbology}:${c.data}`);
}

export function pdfFonts(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'fams-labels-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  return execFileSync('pdffonts', [join(dir, 'in.pdf')], { encoding: 'utf8' });
}
