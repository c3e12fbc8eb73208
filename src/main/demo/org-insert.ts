// Writes the sample firm's organisation: departments, locations, custodians and suppliers.
import type { Sqlite } from '../db/client';
import { AppError } from '../api/errors';
import { Rng, WeightedTable, DIGITS, UPPER_ALNUM } from './prng';
import {
  DEPARTMENTS,
  GIVEN_CHARS,
  LOCATIONS,
  SURNAMES,
  surnameWeight,
  type DeptKind,
  type DeptSpec,
  type LocationSpec,
} from './org';
import { SUPPLIERS } from './catalog';

export interface Dept {
  id: number;
  code: string;
  name: string;
  kind: DeptKind;
  staff: number;
  roomIds: number[];
  custodians: Custodian[];
}

export interface Custodian {
  id: number;
  name: string;
  departmentId: number;
}

export interface Org {
  depts: Dept[];
  locationIds: Map<string, number>;
  custodians: Custodian[];
  supplierIds: Map<string, number>;
}

function refuseIfLoaded(sqlite: Sqlite): void {
  const has = (table: string, code: string) =>
    !!sqlite.prepare(`SELECT 1 FROM ${table} WHERE code = ?`).get(code);
  if (
    has('departments', DEPARTMENTS[0]!.code) ||
    has('locations', LOCATIONS[0]!.code) ||
    has('custodians', 'E0001') ||
    has('suppliers', 'S001')
  ) {
    throw new AppError('CONFLICT', 'errors.sampleAlreadyLoaded');
  }
}

export function insertOrg(sqlite: Sqlite, rng: Rng, custodianCount: number, nowIso: string): Org {
  refuseIfLoaded(sqlite);

  const locationIds = new Map<string, number>();
  const insLoc = sqlite.prepare(
    `INSERT INTO locations (parent_id, code, name, kind, active, sort_order, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, 1, ?, ?)`,
  );
  const walkLoc = (nodes: LocationSpec[], parent: number | null) =>
    nodes.forEach((n, i) => {
      const id = Number(insLoc.run(parent, n.code, n.name, n.kind, i + 1, nowIso, nowIso).lastInsertRowid);
      locationIds.set(n.code, id);
      if (n.children) walkLoc(n.children, id);
    });
  walkLoc(LOCATIONS, null);

  const depts: Dept[] = [];
  const insDept = sqlite.prepare(
    `INSERT INTO departments (parent_id, code, name, active, sort_order, version, created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, 1, ?, ?)`,
  );
  const walkDept = (nodes: DeptSpec[], parent: number | null) =>
    nodes.forEach((n, i) => {
      const id = Number(insDept.run(parent, n.code, n.name, i + 1, nowIso, nowIso).lastInsertRowid);
      const roomIds = n.rooms.map((c) => locationIds.get(c)!);
      depts.push({ id, code: n.code, name: n.name, kind: n.kind, staff: n.staff, roomIds, custodians: [] });
      if (n.children) walkDept(n.children, id);
    });
  walkDept(DEPARTMENTS, null);

  // Every department gets at least one person; the rest follow headcount.
  const totalStaff = depts.reduce((s, d) => s + d.staff, 0);
  const quota = depts.map((d) => Math.max(1, Math.round((custodianCount * d.staff) / totalStaff)));
  let diff = custodianCount - quota.reduce((s, q) => s + q, 0);
  const order = [...depts.keys()].sort((a, b) => depts[b]!.staff - depts[a]!.staff);
  for (let i = 0, guard = 0; diff !== 0 && guard < 100_000; i = (i + 1) % order.length, guard++) {
    const j = order[i]!;
    if (diff > 0) {
      quota[j]!++;
      diff--;
    } else if (quota[j]! > 1) {
      quota[j]!--;
      diff++;
    }
  }

  const surnames = new WeightedTable(
    SURNAMES,
    SURNAMES.map((_, i) => surnameWeight(i)),
  );
  const given = [...GIVEN_CHARS];
  const used = new Set<string>();
  const personName = () => {
    for (let tries = 0; ; tries++) {
      const g = rng.chance(0.72) ? rng.pick(given) + rng.pick(given) : rng.pick(given);
      const name = surnames.pick(rng) + g;
      if (!used.has(name) || tries > 20) {
        used.add(name);
        return name;
      }
    }
  };
  const mobile = () =>
    '1' + rng.pick(['35', '36', '37', '38', '39', '50', '58', '86', '88', '77', '33']) + rng.chars(DIGITS, 8);

  const insCust = sqlite.prepare(
    `INSERT INTO custodians (code, name, department_id, phone, email, active, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, '', ?, 1, ?, ?)`,
  );
  const custodians: Custodian[] = [];
  depts.forEach((d, i) => {
    for (let k = 0; k < quota[i]!; k++) {
      const name = personName();
      const code = `E${String(custodians.length + 1).padStart(4, '0')}`;
      // A few people have left; their records stay for history but hold nothing new.
      const active = custodians.length > 8 && rng.chance(0.03) ? 0 : 1;
      const id = Number(insCust.run(code, name, d.id, mobile(), active, nowIso, nowIso).lastInsertRowid);
      const c = { id, name, departmentId: d.id };
      custodians.push(c);
      if (active) d.custodians.push(c);
    }
    if (d.custodians.length === 0) d.custodians.push(custodians[custodians.length - 1]!);
  });

  const supplierIds = new Map<string, number>();
  const insSup = sqlite.prepare(
    `INSERT INTO suppliers (code, name, contact, phone, email, address, tax_no, notes, active, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, '', ?, ?, '', 1, 1, ?, ?)`,
  );
  SUPPLIERS.forEach((s, i) => {
    const phone = `0${rng.pick(['21', '10', '755', '571', '512', '20'])}-${rng.chars(DIGITS, 8)}`;
    const taxNo =
      '91' + rng.pick(['310115', '110108', '440300', '330106', '320506']) + rng.chars(UPPER_ALNUM, 10);
    const id = insSup.run(
      `S${String(i + 1).padStart(3, '0')}`,
      s.name,
      s.contact,
      phone,
      s.address,
      taxNo,
      nowIso,
      nowIso,
    ).lastInsertRowid;
    supplierIds.set(s.key, Number(id));
  });

  return { depts, locationIds, custodians, supplierIds };
}
