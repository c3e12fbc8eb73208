// The export streams from a snapshot taken in the exporting call: a card changed while the file is
// being written appears as it was, the ledger stays writable meanwhile, and the snapshot's
// connection is closed afterwards (so the WAL can be checkpointed again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { loadSampleCompany } from '../../src/main/demo/generate';
import type { IoFile } from '../../src/main/modules/io/contract';

let t: TestCore;

beforeAll(() => {
  t = startTestCore();
  loadSampleCompany(t.core.services.sqlite, { assets: 2500, now: new Date(), seed: 7 });
});
afterAll(() => t.close());

describe('io export streaming', () => {
  it('writes the list as it was when asked, while the ledger takes writes', async () => {
    const { sqlite } = t.core.services;
    // Newest first: the oldest card is among the last rows written, after the job has yielded.
    const oldest = t.call(t.adminToken, 'assets.get', {
      id: sqlite.prepare('SELECT MIN(id) FROM assets WHERE deleted_at IS NULL').pluck().get() as number,
    });
    const live = sqlite
      .prepare('SELECT COUNT(*) FROM assets WHERE deleted_at IS NULL')
      .pluck()
      .get() as number;
    const { jobId } = t.call(t.adminToken, 'io.export', { columns: ['assetCode', 'name'], format: 'csv' });
    // The job has started and is mid-file; these writes land after the snapshot.
    t.call(t.adminToken, 'assets.update', {
      id: oldest.id,
      version: oldest.version,
      name: '导出之后改的名字',
    });
    const added = t.call(t.adminToken, 'assets.create', {
      name: '导出之后新增',
      categoryId: oldest.categoryId,
      cost: 1,
    });
    await t.core.services.jobs.idle();
    const job = t.call(t.adminToken, 'jobs.get', { id: jobId });
    expect(job.status).toBe('done');
    const out = job.result as IoFile;
    expect(out.rows).toBe(live);
    const lines = Buffer.from(out.data!, 'base64').toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(live + 2);
    expect(lines.at(-2)).toBe(`${oldest.assetCode},${oldest.name}`);
    expect(lines.some((l) => l.includes('导出之后'))).toBe(false);
    expect(lines.at(-1)).toBe(`合计,共 ${live} 项`);
    expect(t.call(t.adminToken, 'assets.get', { id: added.id }).name).toBe('导出之后新增');
    // No reader left holding a snapshot: a full checkpoint completes.
    const [cp] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    expect(cp!.busy).toBe(0);
  });
});
