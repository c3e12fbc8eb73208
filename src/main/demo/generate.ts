// The sample company (示例公司): a plausible Chinese small firm with its organisation, people,
// suppliers and N asset cards spread the way a real ledger's are. Deterministic for a seed and a
// clock. Runs inside the caller's transaction (first-run setup), or opens its own.
import type { Sqlite } from '../db/client';
import { localDate } from '../util/dates';
import { buildSearchText } from '../modules/assets/search-text';
import { nextAssetCodes, assetCodePattern, previewCode } from '../modules/settings/code-rules';
import { Rng, WeightedTable } from './prng';
import { insertOrg, type Dept, type Org } from './org-insert';
import { BUILDINGS, CATEGORY_PATTERNS, ITEMS, LAST_RESORT, type ItemKind, type ItemSpec } from './catalog';
import { PARKING, SERVER_ROOM, STORE_ROOM } from './org';
import { makeSerial, pickStatus, STATUS_NOTES } from './asset-details';

export interface SampleOptions {
  assets: number;
  now: Date;
  seed?: number;
}

export interface SampleSummary {
  departments: number;
  locations: number;
  custodians: number;
  suppliers: number;
  assets: number;
  ms: number;
}

interface CategoryRow {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  life_months: number;
  residual_rate_bp: number;
  method: string;
}

interface Card {
  code: string;
  categoryId: number;
  name: string;
  model: string;
  serial: string;
  supplierId: number | null;
  poRef: string;
  purchaseDate: string;
  inServiceDate: string;
  cost: number;
  residualBp: number;
  lifeMonths: number;
  method: string;
  quantity: number;
  unit: string;
  locationId: number;
  departmentId: number;
  custodianId: number | null;
  custodianName: string | null;
  status: string;
  warrantyEnd: string | null;
  legacyId: string | null;
  externalRef: string | null;
  notes: string;
  createdAt: string;
  statusAt: string | null;
}

const DAY = 86_400_000;
const dayNum = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY;
const dayStr = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
function addMonths(d: string, months: number): string {
  const t = new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1 + months, +d.slice(8, 10)));
  return t.toISOString().slice(0, 10);
}

/** Category per item kind, matched by name so the generator follows whatever tree was seeded. */
function resolveCategories(sqlite: Sqlite): Map<ItemKind, CategoryRow> {
  const rows = sqlite
    .prepare(
      'SELECT id, parent_id, code, name, life_months, residual_rate_bp, method FROM categories WHERE active = 1 ORDER BY sort_order, id',
    )
    .all() as CategoryRow[];
  if (!rows.length)
    throw new Error('the sample company needs the category tree: seed the default settings first');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const depth = (r: CategoryRow) => {
    let d = 0;
    for (let p = r.parent_id; p != null && d < 50; p = byId.get(p)?.parent_id ?? null) d++;
    return d;
  };
  const find = (patterns: RegExp[]) => {
    for (let i = 0; i < patterns.length; i++) {
      const hits = rows.filter((r) => patterns[i]!.test(r.name));
      if (!hits.length) continue;
      // The exact pattern wants the most specific node, a fallback the broadest.
      hits.sort((a, b) => (i === 0 ? depth(b) - depth(a) : depth(a) - depth(b)));
      return hits[0];
    }
    return undefined;
  };
  const out = new Map<ItemKind, CategoryRow>();
  for (const kind of Object.keys(CATEGORY_PATTERNS) as ItemKind[]) {
    const c =
      find(CATEGORY_PATTERNS[kind]) ?? (kind === 'building' ? undefined : (find(LAST_RESORT) ?? rows[0]));
    if (c) out.set(kind, c);
  }
  return out;
}

/**
 * The date string that decides an asset code's scope under the current pattern: codes only depend
 * on the parts of the date the pattern uses, so cards created on different days of one month share
 * one bulk allocation when the pattern has no {DD}.
 */
function codeDateKey(pattern: string): (date: string) => string {
  const render = (date: string) => previewCode(pattern, { date, categoryCode: 'X', seq: 1 });
  if (render('2001-01-01') !== render('2001-01-02')) return (d) => d;
  if (render('2001-01-01') !== render('2001-02-01')) return (d) => d.slice(0, 7) + '-01';
  if (render('2001-01-01') !== render('2002-01-01')) return (d) => d.slice(0, 4) + '-01-01';
  return () => '2001-01-01';
}

function stamp(day: string, rng: Rng, nowIso: string): string {
  // Office hours in China (UTC+8) are 01:00–10:00 UTC.
  const t = `${day}T${String(rng.int(1, 9)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
  return t < nowIso ? t : nowIso;
}

function makeCard(
  rng: Rng,
  item: ItemSpec,
  cat: CategoryRow,
  org: Org,
  depts: Dept[],
  today: number,
  nowIso: string,
): Card {
  const dept =
    depts.length === 1
      ? depts[0]!
      : rng.weighted(
          depts,
          depts.map((d) => d.staff),
        );
  // Purchases lean to recent years, as a growing firm's do; the oldest are about eight years old.
  const age = Math.floor(8 * 365 * Math.pow(rng.next(), 1.7));
  const purchase = today - age;
  const lag = rng.chance(0.7) ? rng.int(0, 7) : rng.chance(0.85) ? rng.int(8, 30) : rng.int(31, 90);
  const inService = Math.min(today, purchase + lag);
  const purchaseDate = dayStr(purchase);
  const inServiceDate = dayStr(inService);

  const qty = item.qty && rng.chance(0.4) ? rng.int(item.qty[0], item.qty[1]) : 1;
  let unitYuan = rng.int(item.price[0], item.price[1]);
  unitYuan =
    unitYuan >= 2000
      ? Math.round(unitYuan / 100) * 100 - (rng.chance(0.4) ? 1 : 0)
      : Math.round(unitYuan / 10) * 10;
  // Some cards carry the price net of 13% VAT, which is rarely a whole yuan.
  const unitFen = rng.chance(0.25) ? Math.round((unitYuan * 100) / 1.13) : unitYuan * 100;
  const { status, statusDay } = pickStatus(rng, item.kind, age, inService, today);

  let locationId: number;
  if (item.where === 'server') locationId = org.locationIds.get(SERVER_ROOM)!;
  else if (item.where === 'parking') locationId = org.locationIds.get(PARKING)!;
  else locationId = rng.pick(dept.roomIds);
  const retired = status === 'idle' || status === 'pending_disposal' || status === 'disposed';
  if (retired && item.where !== 'parking') locationId = org.locationIds.get(STORE_ROOM)!;
  const keeper = !retired && (item.personal || rng.chance(0.55)) ? rng.pick(dept.custodians) : null;

  // Newer purchases get newer models (the lists run oldest first), give or take one.
  const vintage = Math.round((1 - age / (8 * 365)) * (item.models.length - 1)) + rng.int(-1, 1);
  const model = item.models[Math.min(item.models.length - 1, Math.max(0, vintage))]!;
  const name = rng.pick(item.names);
  const old = age > 4 * 365;
  const createdAt = stamp(inServiceDate, rng, nowIso);
  let statusAt: string | null = null;
  if (statusDay != null) {
    statusAt = stamp(dayStr(statusDay), rng, nowIso);
    if (statusAt < createdAt) statusAt = createdAt;
  }
  return {
    code: '',
    categoryId: cat.id,
    name,
    model,
    serial: makeSerial(rng, item, purchaseDate),
    supplierId: org.supplierIds.get(rng.pick(item.suppliers)) ?? null,
    poRef: rng.chance(0.7)
      ? `PO${purchaseDate.replace(/-/g, '')}-${String(rng.int(1, 60)).padStart(3, '0')}`
      : '',
    purchaseDate,
    inServiceDate,
    cost: unitFen * qty,
    residualBp: cat.residual_rate_bp,
    lifeMonths: cat.life_months,
    method: cat.method,
    quantity: qty,
    unit: item.unit,
    locationId,
    departmentId: dept.id,
    custodianId: keeper?.id ?? null,
    custodianName: keeper?.name ?? null,
    status,
    warrantyEnd: item.warrantyMonths ? addMonths(purchaseDate, item.warrantyMonths) : null,
    legacyId: old && rng.chance(0.6) ? `ZC${purchaseDate.slice(0, 4)}-${rng.chars('0123456789', 5)}` : null,
    externalRef: rng.chance(0.12) ? `U8-${rng.chars('0123456789', 6)}` : null,
    notes:
      item.kind === 'car' || item.kind === 'truck'
        ? `车牌号：${plate(rng)}`
        : STATUS_NOTES[status]
          ? rng.pick(STATUS_NOTES[status]!)
          : '',
    createdAt,
    statusAt,
  };
}

function plate(rng: Rng): string {
  return `沪${rng.pick(['A', 'B', 'D', 'E', 'F'])}${rng.chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 5)}`;
}

export function loadSampleCompany(sqlite: Sqlite, opts: SampleOptions): SampleSummary {
  if (!sqlite.inTransaction) return sqlite.transaction(() => load(sqlite, opts)).immediate();
  return load(sqlite, opts);
}

function load(sqlite: Sqlite, opts: SampleOptions): SampleSummary {
  const started = performance.now();
  const rng = new Rng(opts.seed ?? 20240501);
  const nowIso = opts.now.toISOString();
  const today = dayNum(localDate(opts.now));
  const n = Math.max(0, Math.floor(opts.assets));

  const custodianCount = Math.min(300, Math.max(30, Math.round(Math.sqrt(n) * 2.5)));
  const org = insertOrg(sqlite, rng, custodianCount, nowIso);
  const cats = resolveCategories(sqlite);
  const byCode = new Map(org.depts.map((d) => [d.code, d]));

  const itemTable = new WeightedTable(
    ITEMS,
    ITEMS.map((i) => i.weight),
  );
  const deptsFor = new Map<ItemSpec, Dept[]>(
    ITEMS.map((i) => [i, i.depts.length ? org.depts.filter((d) => i.depts.includes(d.kind)) : org.depts]),
  );

  const cards: Card[] = [];
  const buildingCat = cats.get('building');
  if (buildingCat && n >= 200) {
    for (const b of BUILDINGS) {
      const purchaseDate = dayStr(today - rng.int(7 * 365, 8 * 365));
      cards.push({
        code: '',
        categoryId: buildingCat.id,
        name: b.name,
        model: b.model,
        serial: '',
        supplierId: null,
        poRef: '',
        purchaseDate,
        inServiceDate: purchaseDate,
        cost: b.price * 100,
        residualBp: buildingCat.residual_rate_bp,
        lifeMonths: buildingCat.life_months,
        method: buildingCat.method,
        quantity: 1,
        unit: '栋',
        locationId: org.locationIds.get(b.location)!,
        departmentId: byCode.get('D03')!.id,
        custodianId: null,
        custodianName: null,
        status: 'in_use',
        warrantyEnd: null,
        legacyId: `ZC${purchaseDate.slice(0, 4)}-00001`,
        externalRef: null,
        notes: '房产证号：沪房地浦字（示例）',
        createdAt: stamp(purchaseDate, rng, nowIso),
        statusAt: null,
      });
    }
  }
  while (cards.length < n) {
    const item = itemTable.pick(rng);
    cards.push(makeCard(rng, item, cats.get(item.kind)!, org, deptsFor.get(item)!, today, nowIso));
  }

  // Codes are handed out in creation order, through the code rule and its never-reused counters.
  cards.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const keyOf = codeDateKey(assetCodePattern(sqlite));
  const groups = new Map<string, Card[]>();
  for (const c of cards) {
    const k = `${c.categoryId}|${keyOf(c.createdAt.slice(0, 10))}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(c);
  }
  for (const g of groups.values()) {
    const codes = nextAssetCodes(
      sqlite,
      { categoryId: g[0]!.categoryId, date: g[0]!.createdAt.slice(0, 10) },
      g.length,
    );
    g.forEach((c, i) => (c.code = codes[i]!));
  }

  // Twenty-odd indexes on assets take random-order keys (names, serials, search text); a roomy page
  // cache for the duration of the load halves the time at 200k cards.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  try {
    insertCards(sqlite, cards);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
  return {
    departments: org.depts.length,
    locations: org.locationIds.size,
    custodians: org.custodians.length,
    suppliers: org.supplierIds.size,
    assets: cards.length,
    ms: Math.round(performance.now() - started),
  };
}

function insertCards(sqlite: Sqlite, cards: Card[]): void {
  const insAsset = sqlite.prepare(
    `INSERT INTO assets (asset_code, name, category_id, model, serial_no, supplier_id, purchase_order_ref,
       purchase_date, in_service_date, cost, residual_rate_bp, residual_value, life_months, method, quantity, unit,
       location_id, department_id, expense_department_id, custodian_id, status, warranty_end, legacy_id,
       external_ref, notes, search_text, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insEvent = sqlite.prepare(
    `INSERT INTO asset_events (asset_id, at, user_id, username, source, kind, changes, note, version)
     VALUES (?, ?, NULL, '', 'system', ?, ?, ?, ?)`,
  );
  for (const c of cards) {
    const changed = c.statusAt != null;
    const id = insAsset.run(
      c.code,
      c.name,
      c.categoryId,
      c.model,
      c.serial,
      c.supplierId,
      c.poRef,
      c.purchaseDate,
      c.inServiceDate,
      c.cost,
      c.residualBp,
      Math.round((c.cost * c.residualBp) / 10000),
      c.lifeMonths,
      c.method,
      c.quantity,
      c.unit,
      c.locationId,
      c.departmentId,
      c.departmentId,
      c.custodianId,
      c.status,
      c.warrantyEnd,
      c.legacyId,
      c.externalRef,
      c.notes,
      buildSearchText({
        assetCode: c.code,
        name: c.name,
        model: c.model,
        serialNo: c.serial,
        custodianName: c.custodianName,
      }),
      changed ? 2 : 1,
      c.createdAt,
      changed ? c.statusAt : c.createdAt,
    ).lastInsertRowid;
    insEvent.run(id, c.createdAt, 'created', '[]', '示例数据', 1);
    if (changed) {
      const changes = JSON.stringify([{ field: 'status', before: 'in_use', after: c.status }]);
      insEvent.run(id, c.statusAt, 'status', changes, '', 2);
    }
  }
}
