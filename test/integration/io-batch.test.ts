// The import's batch write: cards without a code get the code rule's next numbers (skipping a code
// the file itself brings, which one-by-one creation would have taken first and then refused), each
// card gets its 'created' history event, and the import is one audit row naming every card written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { seedLedger, type LedgerFixtures } from '../helpers/ledger-fixtures';
import { nextAssetCode } from '../../src/main/modules/settings/code-rules';
import { localDate } from '../../src/main/util/dates';

const NOW = new Date('2025-06-10T02:00:00Z');
let t: TestCore;
let fx: LedgerFixtures;

beforeAll(() => {
  t = startTestCore({ now: () => NOW });
  fx = seedLedger(t.core.services.sqlite);
});
afterAll(() => t.close());

async function commit(csv: string, input: Record<string, unknown> = {}) {
  const file = Buffer.from('\uFEFF' + csv, 'utf8').toString('base64');
  const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '清单.csv', ...input });
  const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id });
  await t.core.services.jobs.idle();
  return { preview: p, job: t.call(t.adminToken, 'jobs.get', { id: jobId }) };
}

/** The code the rule would hand out next for a category, without taking it. */
function peekCode(categoryId: number): string {
  const { sqlite } = t.core.services;
  let code = '';
  try {
    sqlite.transaction(() => {
      code = nextAssetCode(sqlite, { categoryId, date: localDate(NOW) });
      throw new Error('peek only');
    })();
  } catch {
    /* rolled back: nothing taken */
  }
  return code;
}

describe('io import batch write', () => {
  it('generates codes around one the file brings, with history per card and one audit row', async () => {
    const predicted = peekCode(fx.cat.laptops);
    expect(predicted).not.toBe('');
    const auditBefore = t.core.services.sqlite
      .prepare('SELECT MAX(id) FROM audit_log')
      .pluck()
      .get() as number;
    const { job } = await commit(
      [
        '资产编号,资产名称,资产类别,原值',
        ',批量 笔记本一,笔记本电脑,6500',
        `${predicted},批量 书柜,家具用具,800`,
        ',批量 笔记本二,笔记本电脑,7000',
      ].join('\r\n'),
    );
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ inserted: 3, updated: 0 });

    const rows = t.core.services.sqlite
      .prepare(`SELECT id, asset_code, name, search_text FROM assets WHERE name LIKE '批量 %' ORDER BY id`)
      .all() as { id: number; asset_code: string; name: string; search_text: string }[];
    expect(rows.map((r) => r.name)).toEqual(['批量 笔记本一', '批量 书柜', '批量 笔记本二']);
    expect(rows[1]!.asset_code).toBe(predicted);
    const generated = [rows[0]!.asset_code, rows[2]!.asset_code];
    expect(new Set([...generated, predicted]).size).toBe(3);
    // In row order, after the code the file took.
    expect(generated[0]! < generated[1]!).toBe(true);
    // The search finds imported cards like any other.
    expect(rows[0]!.search_text).toContain('批量 笔记本一');
    const found = t.call(t.adminToken, 'assets.list', {
      query: '批量 笔记本',
      filters: {},
      sort: [],
      offset: 0,
      limit: 10,
    });
    expect(found.total).toBe(2);

    // The counter moved past every code handed out: the next card by hand gets a fresh one.
    const byHand = t.call(t.adminToken, 'assets.create', {
      name: '手工 笔记本',
      categoryId: fx.cat.laptops,
      cost: 100,
    });
    expect([...generated, predicted]).not.toContain(byHand.assetCode);

    for (const r of rows) {
      const history = t.call(t.adminToken, 'assets.history', { id: r.id });
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ kind: 'created', source: 'import' });
    }
    const audit = t.core.services.sqlite
      .prepare(`SELECT action, entity, details FROM audit_log WHERE id > ? AND source = 'import'`)
      .all(auditBefore) as { action: string; entity: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['io.import']);
    const details = JSON.parse(audit[0]!.details) as { insertedIds: [number, number][]; inserted: number };
    expect(details.inserted).toBe(3);
    expect(details.insertedIds).toEqual([[rows[0]!.id, rows[2]!.id]]);
    expect(t.call(t.adminToken, 'audit.verify', {}).ok).toBe(true);
  });

  it('a card refused at commit (its code taken since the preview) undoes the whole import', async () => {
    const csv = [
      '资产编号,资产名称,资产类别,原值',
      'RACE-1,竞争 一,笔记本电脑,100',
      'RACE-2,竞争 二,笔记本电脑,100',
    ].join('\r\n');
    const file = Buffer.from(csv, 'utf8').toString('base64');
    const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: '竞争.csv' });
    expect(p.counts.insert).toBe(2);
    t.call(t.adminToken, 'assets.create', {
      assetCode: 'RACE-2',
      name: '抢先',
      categoryId: fx.cat.laptops,
      cost: 1,
    });
    const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id });
    await t.core.services.jobs.idle();
    const job = t.call(t.adminToken, 'jobs.get', { id: jobId });
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'VALIDATION', params: { row: 3 } });
    const n = t.core.services.sqlite
      .prepare(`SELECT COUNT(*) FROM assets WHERE asset_code = 'RACE-1'`)
      .pluck()
      .get();
    expect(n).toBe(0);
  });

  it('a code taken after the preview fails the commit on that row, and nothing is written', async () => {
    const csv = '资产编号,资产名称,资产类别\r\nLATE-001,先导入的,XNB\r\nLATE-002,后被占用的,XNB\r\n';
    const file = Buffer.from(csv, 'utf8').toString('base64');
    const p = t.call(t.adminToken, 'io.importPreview', { file, fileName: 'late.csv' });
    expect(p.counts.insert).toBe(2);
    t.call(t.adminToken, 'assets.create', {
      assetCode: 'LATE-002',
      name: '抢先的',
      categoryId: fx.cat.laptops,
    });
    const before = t.core.services.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get();
    const { jobId } = t.call(t.adminToken, 'io.importCommit', { previewId: p.id });
    await t.core.services.jobs.idle();
    const job = t.call(t.adminToken, 'jobs.get', { id: jobId });
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'VALIDATION', params: { row: 3 } });
    expect(JSON.stringify(job.error)).toContain('validation.assetCodeTaken');
    expect(t.core.services.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get()).toBe(before);
  });
});
