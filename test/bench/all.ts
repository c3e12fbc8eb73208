// `npm run bench`: every benchmark, each in its own process so memory and timings don't mix.
// Each prints its figures beside a raw baseline measured in the same run.
// `npm run bench -- --only ledger,posting` runs a subset; anything after `--` goes to each bench.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES: { key: string; file: string; what: string }[] = [
  {
    key: 'ledger',
    file: 'run.ts',
    what: 'demo, core start, assets.list and search on 200k assets (issue 2)',
  },
  {
    key: 'preview',
    file: 'depreciation-preview.bench.ts',
    what: 'depreciation.preview for a 20-year asset (issue 3)',
  },
  { key: 'posting', file: 'depreciation-post.bench.ts', what: 'posting a month on 100k assets (issue 3)' },
  { key: 'reports', file: 'reports.bench.ts', what: '折旧明细表 12 months on 100k assets (issue 3)' },
  { key: 'io', file: 'io-import-export.ts', what: 'Excel import and export (issue 5)' },
  { key: 'counts', file: 'counts.bench.ts', what: 'count start, scans, finish on 100k assets (issue 6)' },
  {
    key: 'devices',
    file: 'devices.bench.ts',
    what: 'RFID ingest, scanner lines, 1,000 labels to PDF on 100k assets (issue 4)',
  },
];

const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: false });
const only = typeof values.only === 'string' ? new Set(values.only.split(',')) : null;
const tsx = join(here, '../../node_modules/.bin/tsx');
let failed = 0;
for (const b of BENCHES) {
  if (only && !only.has(b.key)) continue;
  console.log(`\n=== bench ${b.key}: ${b.what}`);
  const r = spawnSync(tsx, [join(here, b.file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`=== bench ${b.key} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
