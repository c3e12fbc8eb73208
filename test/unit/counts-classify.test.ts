// The finish rule exists as SQL (one UPDATE over 100k rows) and as TypeScript; both are run over every
// combination of the inputs that matter and must agree, and the TypeScript rule is pinned by hand.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLASSIFY_SQL, classify, type ClassifyInput } from '../../src/main/modules/counts/classify';
import { drawSample } from '../../src/main/modules/counts/plan';

const base: ClassifyInput = {
  assetId: 1,
  foundAt: '2024-01-01T00:00:00Z',
  expectedLocationId: 10,
  foundLocationId: 10,
  expectedStatus: 'in_use',
  foundStatus: null,
};

describe('classify', () => {
  it('gives each of the five results for the case it names', () => {
    expect(classify(base)).toBe('matched');
    expect(classify({ ...base, assetId: null })).toBe('surplus');
    expect(classify({ ...base, foundAt: null })).toBe('missing');
    expect(classify({ ...base, foundLocationId: 11 })).toBe('location_mismatch');
    expect(classify({ ...base, foundStatus: 'idle' })).toBe('status_mismatch');
    expect(classify({ ...base, expectedStatus: 'missing' })).toBe('status_mismatch');
    // A scan without a room does not dispute the location; the same status said aloud is no difference.
    expect(classify({ ...base, foundLocationId: null })).toBe('matched');
    expect(classify({ ...base, foundStatus: 'in_use' })).toBe('matched');
    // An asset with no location on the books found in a room is found elsewhere.
    expect(classify({ ...base, expectedLocationId: null })).toBe('location_mismatch');
  });

  it('the SQL and the TypeScript rule agree on every combination', () => {
    const db = new Database(':memory:');
    db.exec(
      `CREATE TABLE d (asset_id, found_at, expected_location_id, found_location_id, expected_status, found_status)`,
    );
    const ins = db.prepare('INSERT INTO d VALUES (?, ?, ?, ?, ?, ?)');
    const cases: ClassifyInput[] = [];
    for (const assetId of [1, null])
      for (const foundAt of ['t', null])
        for (const expectedLocationId of [10, 11, null])
          for (const foundLocationId of [10, 11, null])
            for (const expectedStatus of ['in_use', 'idle', 'missing', null])
              for (const foundStatus of ['in_use', 'idle', null]) {
                const c = {
                  assetId,
                  foundAt,
                  expectedLocationId,
                  foundLocationId,
                  expectedStatus,
                  foundStatus,
                };
                cases.push(c);
                ins.run(assetId, foundAt, expectedLocationId, foundLocationId, expectedStatus, foundStatus);
              }
    const sql = db.prepare(`SELECT ${CLASSIFY_SQL} AS r FROM d ORDER BY rowid`).pluck().all() as string[];
    expect(sql).toHaveLength(cases.length);
    const mismatches = cases.filter((c, i) => classify(c) !== sql[i]);
    expect(mismatches).toEqual([]);
    expect(new Set(sql)).toEqual(
      new Set(['matched', 'location_mismatch', 'status_mismatch', 'missing', 'surplus']),
    );
    db.close();
  });
});

describe('drawSample', () => {
  it('draws distinct ids, the same ones for the same seed, and all of them when asked for more', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    const a = drawSample(ids, 50, 42);
    expect(new Set(a).size).toBe(50);
    expect(a.every((x) => ids.includes(x))).toBe(true);
    expect(drawSample(ids, 50, 42)).toEqual(a);
    expect(drawSample(ids, 50, 43)).not.toEqual(a);
    expect(drawSample([3, 1, 2], 10, 1)).toEqual([1, 2, 3]);
  });
});
