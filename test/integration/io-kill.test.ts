// A commit killed mid-transaction (SIGKILL in a child process) leaves the ledger exactly as it was:
// same rows in every table, audit chain intact, code counters untouched; the same import then succeeds.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, type Core } from '../../src/main/core';
import { ADMIN_PASSWORD, makeTempDir } from '../helpers/core';
import { seedLedger } from '../helpers/ledger-fixtures';
import { importWorkbook, KILL_ROWS } from '../fixtures/io/kill-workbook';

const dataDir = makeTempDir('fams-io-kill-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The audit log is compared separately: the child's sign-in and its commit request are real events.
const TABLES = ['assets', 'asset_events', 'custodians', 'code_sequences', 'app_settings', 'attachments'];

function snapshot(core: Core): Record<string, unknown> {
  const s = core.services.sqlite;
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = s.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get();
  out.sequences = s.prepare('SELECT scope, last_value FROM code_sequences ORDER BY scope').all();
  // A large import drops the card indexes inside its transaction (batch-write.ts deferIndexes): the
  // kill must leave every one of them in place.
  out.indexes = s
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assets' ORDER BY name`)
    .all();
  return out;
}

function runChild(env: Record<string, string>) {
  // node --import tsx (not the tsx binary, which re-exits with 137) so the kill is seen as a signal.
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join('test', 'fixtures', 'io', 'kill-commit.ts'), dataDir, ADMIN_PASSWORD],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

function login(core: Core): string {
  const r = core.dispatch({ token: null, source: 'desktop' }, 'auth.login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  if (!r.ok) throw new Error('login');
  return (r.data as { token: string }).token;
}

describe('io commit killed mid-transaction', () => {
  it('leaves the ledger as it was, and the same import then succeeds', async () => {
    let core = startCore({ dataDir, adminPassword: ADMIN_PASSWORD });
    seedLedger(core.services.sqlite);
    const token = login(core);
    const made = core.dispatch({ token, source: 'desktop' }, 'assets.create', {
      name: '已有资产',
      categoryId: 3,
    });
    expect(made.ok).toBe(true);
    const before = snapshot(core);
    const auditBefore = core.services.sqlite.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number;
    await core.close();

    const killed = runChild({ FAMS_TEST_IMPORT_KILL_AFTER: '150' });
    if (killed.signal !== 'SIGKILL') console.log(killed.status, killed.stdout, killed.stderr.slice(0, 2000));
    expect(killed.signal).toBe('SIGKILL');

    core = startCore({ dataDir });
    expect(snapshot(core)).toEqual(before);
    const newAudit = core.services.sqlite
      .prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id')
      .pluck()
      .all(auditBefore);
    expect(newAudit).toEqual(['auth.login', 'io.importCommit']);
    const t2 = login(core);
    const call = (m: string, i: unknown) => core.dispatch({ token: t2, source: 'desktop' }, m, i);
    const verify = call('audit.verify', {});
    expect(verify).toMatchObject({ ok: true, data: { ok: true } });
    expect(core.services.sqlite.pragma('quick_check', { simple: true })).toBe('ok');

    // The same import, in this process, now goes through.
    const p = call('io.importPreview', {
      file: await importWorkbook(),
      fileName: 'kill.xlsx',
      createMissing: true,
    });
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    const c = call('io.importCommit', { previewId: (p.data as { id: string }).id });
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    await core.services.jobs.idle();
    const job = core.services.jobs.get((c.data as { jobId: string }).jobId)!;
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({
      inserted: KILL_ROWS,
      created: [{ table: 'custodians', name: '新员工甲' }],
    });
    const after = snapshot(core);
    expect(after.assets).toBe((before.assets as number) + KILL_ROWS);
    // The bulk path dropped and rebuilt the card indexes: all of them are back, as they were.
    expect(after.indexes).toEqual(before.indexes);
    expect(call('audit.verify', {})).toMatchObject({ ok: true, data: { ok: true } });
    await core.close();
  });
});
