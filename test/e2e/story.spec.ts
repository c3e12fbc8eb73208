// The end-to-end story of two laptops, as the people involved would live it in the browser shell, on the
// test core's clock (2027): an employee requests two; the department head and then finance approve (a
// clerk cannot); the asset manager orders them; the clerk receives the order in two parts, each serial
// number scanned with a keyboard-wedge burst into the acceptance session and the labels printed on a
// loopback ZPL printer (decoded back from the rendered label); one laptop is lent and comes back late (it
// is on the overdue list meanwhile), the other goes to an outside repair with the vendor's invoice; the
// lent one is then sold. Finally the register, the asset card, the depreciation schedule, the vouchers
// and the audit log are checked against amounts worked out here from the rules (reference/depreciation.md),
// not read from the app. API calls only set the scene and cross-check.
// Screenshots: docs/screenshots/story-*.png.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import type { InputOf } from '../../src/main/api/contracts';
import { Scene, coreApi, coreDispatch, laptopCategory, signInToken } from './fixtures/core-scene';
import { collectErrors } from './fixtures/browser-session';
import { PrinterSim } from '../sim/printer-sim';
import { renderZplToPng, splitZplLabels, zbarDecode, zplFieldTexts } from '../helpers/label-decode';
import { LoginPage } from './pages/login-page';
import { NEW_HIRE_LAPTOPS_TITLE, RequisitionsPage, newHireLaptops } from './pages/requisitions-page';
import { ApprovalsPage } from './pages/approvals-page';
import { PeriodsPage } from './pages/periods-page';
import { VouchersPage } from './pages/vouchers-page';
import { AuditPage } from './pages/audit-page';
import { LedgerPage } from './pages/ledger-page';
import { goHash } from './pages/dialogs';
import { DisposalsPage, InboundPage, LoansPage, RepairsPage, pickEntity } from './pages/lifecycle-docs-page';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'story-pass-2027';

/** The core's clock: each scene sets the day it happens (sessions idle out across jumps, so people sign in again). */
let clock = new Date('2027-03-01T04:00:00Z');
const setClock = (day: string) => (clock = new Date(`${day}T04:00:00Z`));

test.use({
  serverOptions: {
    adminPassword: ADMIN_PASSWORD,
    autoBackup: false,
    now: () => clock,
    // The device manager runs (the label printer is a device); nothing is discovered on this PC.
    devices: { listers: { serial: async () => [], hid: async () => [] } },
  },
});

// ---- The rules, worked out independently (fen) ----
/** PO price ¥6,299.00 each; the category: 36 months, 5% residual, straight line. */
const COST = 629_900;
const RESIDUAL = (COST * 5) / 100; // 31,495 exactly
/** (C − S) / n per month, rounded half-up to the fen: 598,405 / 36 = 16,622.36… → 16,622. */
const MONTHLY = Math.floor((COST - RESIDUAL) / 36 + 0.5);
/** In service in March: depreciated from April (当月增加当月不提); sold 2027-05-20: May charged (当月减少当月照提). */
const SOLD_ACCUMULATED = 2 * MONTHLY;
const SOLD_NBV = COST - SOLD_ACCUMULATED;
const PROCEEDS = 600_000;
const GAIN = PROCEEDS - SOLD_NBV;
const VENDOR_COST = 68_000;
const yuanText = (fen: number) =>
  `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

test('two laptops from request to sale: register, schedule, vouchers and audit agree to the fen', async ({
  server,
  sessions,
}) => {
  test.setTimeout(600_000);
  expect([RESIDUAL, MONTHLY, SOLD_NBV, GAIN]).toEqual([31_495, 16_622, 596_656, 3_344]);
  const errors: string[] = [];
  const dispatch = coreDispatch(server);
  const api = coreApi(server);
  /** A fresh admin session at the current clock, for set-up and cross-checks. */
  const admin = () => signInToken(api, 'admin', ADMIN_PASSWORD);

  const pages = new Map<string, BrowserContext>();
  const signedInOnce = new Set<string>();
  /**
   * `username` on their own browser at today's clock. The first time through the sign-in screen; after a
   * clock jump (sessions idle out after 12 hours) with a fresh session put where the app keeps it, since
   * the HTTP door allows only 10 sign-ins a minute from one address and this story has people return often.
   */
  async function as(username: string, password = PASSWORD): Promise<Page> {
    await pages.get(username)?.close();
    const ctx = await sessions.newContext();
    pages.set(username, ctx);
    const page = await ctx.newPage();
    collectErrors(page, { into: errors, label: username });
    if (!signedInOnce.has(username)) {
      await new LoginPage(page).signIn(username, password);
      signedInOnce.add(username);
      return page;
    }
    const token = signInToken(api, username, password);
    await ctx.addInitScript((t) => sessionStorage.setItem('fams.token', t), token);
    await page.goto('/');
    await expect(page.locator('.topbar')).toBeVisible();
    return page;
  }

  /**
   * A new day: everyone's browser from the day before is closed first. Left open across the jump, its
   * idled-out session would answer the page's next background request with 401 (correct, but noise here).
   */
  async function setDay(day: string): Promise<void> {
    await Promise.all([...pages.values()].map((c) => c.close()));
    pages.clear();
    setClock(day);
  }

  // ---- The scene: people, department, category, suppliers, a room, custodians, the ZPL printer ----
  const printer = new PrinterSim('zpl');
  const printerPort = await printer.start();
  try {
    const a = admin();
    const scene = new Scene(api, a, PASSWORD);
    const head = scene.user('head', '李部长', 'approver');
    const dept = scene.department('RD', '研发部', head.id);
    scene.moveToDepartment(head, dept.id);
    scene.user('emp', '张小明', 'employee', dept.id);
    scene.user('finance', '钱会计', 'accountant');
    scene.user('clerk', '孙助理', 'clerk');
    scene.user('manager', '王主管', 'asset_manager');
    scene.category(laptopCategory('NB'));
    api(a, 'settings.suppliers.create', {
      code: 'SUP-LX',
      name: '联想华东直销',
    } as InputOf<'settings.suppliers.create'>);
    api(a, 'settings.suppliers.create', {
      code: 'SVC-LX',
      name: '联想售后服务站',
    } as InputOf<'settings.suppliers.create'>);
    api(a, 'settings.locations.create', {
      code: 'RD-301',
      name: '研发办公室301',
      kind: 'room',
    } as InputOf<'settings.locations.create'>);
    api(a, 'settings.custodians.create', {
      code: 'E001',
      name: '张小明',
      departmentId: dept.id,
    } as InputOf<'settings.custodians.create'>);
    api(a, 'settings.custodians.create', {
      code: 'E002',
      name: '赵工程师',
      departmentId: dept.id,
    } as InputOf<'settings.custodians.create'>);
    api(a, 'devices.add', {
      name: 'ZPL 标签机',
      kind: 'printer',
      transport: 'tcp',
      protocol: 'zpl',
      host: '127.0.0.1',
      port: printerPort,
    } as InputOf<'devices.add'>);

    // ---- 2027-03-01: the request and its approvals ----
    const emp = await as('emp');
    const req = new RequisitionsPage(emp);
    await req.openNew();
    await req.fill(NEW_HIRE_LAPTOPS_TITLE, [newHireLaptops('2027-03-20')]);
    await emp.getByTestId('req-submit').click();
    const confirm = emp.getByTestId('budget-confirm');
    // No budget is set for laptops: the check may still ask before submitting.
    const submitted = async () => (await req.screen.getAttribute('data-status')) === 'pending';
    await expect.poll(async () => (await submitted()) || (await confirm.isVisible())).toBe(true);
    if (!(await submitted())) await confirm.getByTestId('dialog-save').click();
    await expect(req.screen).toHaveAttribute('data-status', 'pending');
    const rqNumber = (await req.screen.locator('h1').innerText()).trim().split(/\s+/)[0]!;
    const rq = api(admin(), 'requisitions.list', { query: rqNumber }).rows[0]!;

    const headPage = await as('head');
    const headView = new ApprovalsPage(headPage);
    await headView.openInbox();
    await headView.openDocument(rqNumber);
    await headView.approve('同意');

    // A clerk can neither see an inbox nor act, in the UI or through the API.
    const clerk = await as('clerk');
    await clerk.getByTestId('nav-documents').click();
    await expect(clerk.getByTestId('nav-approvals')).toHaveCount(0);
    const clerkToken = signInToken(api, 'clerk', PASSWORD);
    const refused = dispatch(clerkToken, 'approvals.act', {
      kind: 'requisition',
      documentId: rq.id,
      action: 'approve',
    });
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('FORBIDDEN');

    const fin = await as('finance');
    const finView = new ApprovalsPage(fin);
    await finView.openInbox();
    await finView.openDocument(rqNumber);
    await finView.approve();
    await expect(fin.getByTestId('req-status')).toContainText('已批准');

    const mgr = await as('manager');
    const buyer = new RequisitionsPage(mgr);
    await buyer.openByNumber(rqNumber);
    const poNumber = await buyer.createPurchaseOrder('联想华东', { 1: '6299' });
    await expect(mgr.getByTestId('po-detail')).toContainText(yuanText(2 * COST));

    // ---- 2027-03-08 and 03-15: received in two parts, serials scanned, labels printed and read back ----
    const received: string[] = [];
    for (const [day, serial] of [
      ['2027-03-08', 'PF4XK2A1'],
      ['2027-03-15', 'PF4XK2B7'],
    ] as const) {
      await setDay(day);
      const c = await as('clerk');
      const inbound = new InboundPage(c);
      await inbound.open();
      const codes = await inbound.receive({
        order: poNumber,
        quantity: 1,
        serials: [serial],
        location: '研发办公室301',
        custodian: '张小明',
        inServiceDate: day,
        printer: 'ZPL 标签机',
        beforeReceive: () =>
          day === '2027-03-15'
            ? c.screenshot({ path: 'docs/screenshots/story-inbound.png', fullPage: true })
            : Promise.resolve(),
      });
      received.push(...codes);
      // The label reached the printer; rendered and scanned, its codes say the new asset's code.
      await expect.poll(() => printer.printed.length, { timeout: 30_000 }).toBe(received.length);
      const zpl = splitZplLabels(printer.printed[received.length - 1]!.text);
      expect(zpl).toHaveLength(1);
      // Texts are checked in the ZPL: the offline renderer has no SIMSUN, and its wider stand-in font runs
      // the model name into the QR's quiet zone, which the printer's own font does not. Symbols in pixels.
      expect(zplFieldTexts(zpl[0]!)).toEqual(expect.arrayContaining(['部门：研发部', codes[0]!]));
      const symbolsOnly = zpl[0]!.replace(/^\^FO\d+,\d+\^A@[^\n]*\n/gm, '');
      const png = await renderZplToPng(symbolsOnly, 50, 30, 8);
      const symbols = zbarDecode(png);
      expect(
        symbols.map((s) => s.data),
        `${png}\n${zpl[0]}`,
      ).toContain(codes[0]);
    }
    const [codeA, codeB] = received as [string, string];
    const po = api(admin(), 'purchaseOrders.list', { query: poNumber }).rows[0]!;
    expect(po.status).toBe('received');
    const assetOf = (code: string) =>
      api(admin(), 'assets.list', { query: code }).rows.find((r) => r.assetCode === code)!;
    const A = assetOf(codeA);
    const B = assetOf(codeB);
    expect([A.cost, B.cost, A.serialNo, B.serialNo]).toEqual([COST, COST, 'PF4XK2A1', 'PF4XK2B7']);

    // ---- 2027-04-01: A is lent until 04-10; B goes to an outside repair ----
    await setDay('2027-04-01');
    let c = await as('clerk');
    const loans = new LoansPage(c);
    await loans.open();
    await loans.lend(codeA, '赵工程师', '2027-04-10');
    await expect(loans.row(codeA)).toBeVisible();
    const repairs = new RepairsPage(c);
    await repairs.open();
    await repairs.report(codeB, '屏幕闪烁，键盘部分按键失灵');
    await expect(repairs.row(codeB)).toHaveAttribute('data-status', 'reported');

    // ---- 2027-04-14: A is overdue; the vendor repairs B and invoices ¥680.00 ----
    await setDay('2027-04-14');
    c = await as('clerk');
    const late = new LoansPage(c);
    await late.open();
    await c.getByTestId('loan-overdue').check();
    await expect(late.row(codeA)).toBeVisible();
    await expect(late.row(codeA).locator('.tag.danger')).toContainText('4');
    await c.screenshot({ path: 'docs/screenshots/story-overdue.png' });
    const fix = new RepairsPage(c);
    await fix.open();
    await fix.openOrder(codeB);
    await pickEntity(fix.dialog, 'repair-vendor', '联想售后');
    await fix.dialog.locator('#rp-vendor-cost').fill('680');
    await fix.dialog.getByTestId('repair-invoice').setInputFiles({
      name: '维修发票-0414.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% vendor invoice 680.00\n'),
    });
    await fix.to('accepted');
    await expect(fix.dialog.getByTestId('repair-files')).toContainText('维修发票-0414.pdf');
    await fix.to('in_repair');
    await fix.to('done');
    await c.screenshot({ path: 'docs/screenshots/story-repair.png' });
    await fix.dialog.getByTestId('repair-close').click();
    await expect(fix.dialog.locator('.steps li.current')).toContainText('已关闭');

    // ---- 2027-04-20: A comes back ten days late ----
    await setDay('2027-04-20');
    c = await as('clerk');
    const back = new LoansPage(c);
    await back.open();
    await back.giveBack(codeA, '2027-04-20');

    // ---- 2027-05-03: finance posts March (nothing to charge) and April ----
    await setDay('2027-05-03');
    let f = await as('finance');
    const periods = new PeriodsPage(f);
    await periods.open();
    await periods.post('2027-03');
    await periods.post('2027-04');

    // ---- 2027-05-20: the manager sells A for ¥6,000.00; finance approves ----
    await setDay('2027-05-20');
    const m = await as('manager');
    const disposals = new DisposalsPage(m);
    await disposals.open();
    // First asked at ¥5,800.00: finance returns it for a better price; the manager edits and resubmits.
    const czNumber = await disposals.request({
      assetCode: codeA,
      kind: 'sale',
      date: '2027-05-20',
      proceeds: '5800',
      reason: '员工离职，设备折价出售',
    });
    f = await as('finance');
    const approve = new ApprovalsPage(f);
    await approve.openInbox();
    await approve.openDocument(czNumber);
    await approve.panel.getByTestId('approval-comment').fill('售价偏低，请按 6,000 元出售');
    await approve.panel.getByTestId('act-return').click();
    await expect(approve.panel.getByTestId('approval-act')).toHaveCount(0);
    await m.reload();
    await expect(disposals.doc).toHaveAttribute('data-status', 'returned');
    await disposals.doc.getByTestId('disposal-edit').click();
    const edit = m.getByTestId('disposal-edit-dialog');
    await edit.locator('#de-proceeds').fill('6000');
    await edit.getByTestId('dialog-save').click();
    await expect(edit).toBeHidden();
    await expect(disposals.doc).toContainText(yuanText(PROCEEDS));
    await disposals.doc.getByTestId('disposal-resubmit').click();
    await expect(disposals.doc).toHaveAttribute('data-status', 'pending');
    await approve.openInbox();
    await approve.openDocument(czNumber);
    await approve.approve('同意出售');
    const disposal = api(admin(), 'disposals.list', { assetId: A.id }).rows[0]!;
    await goHash(f, `#/disposals/${disposal.id}`);
    const doc = f.getByTestId('disposal-screen');
    await expect(doc).toHaveAttribute('data-status', 'approved');
    await expect(doc.getByTestId('disposal-nbv')).toHaveText(yuanText(SOLD_NBV));
    await expect(doc.getByTestId('disposal-gain-loss')).toHaveText(yuanText(GAIN));
    await f.screenshot({ path: 'docs/screenshots/story-disposal.png', fullPage: true });

    // ---- 2027-07-01: May and June posted; the depreciation vouchers generated ----
    await setDay('2027-07-01');
    f = await as('finance');
    const later = new PeriodsPage(f);
    await later.open();
    await later.post('2027-05');
    await later.post('2027-06');
    const vouchers = new VouchersPage(f);
    await vouchers.open();
    for (const p of ['2027-04', '2027-05', '2027-06']) {
      await vouchers.pickPeriod(p);
      await vouchers.generate();
    }
    // May holds two vouchers: the disposal (记-1, approved first) and May's depreciation (记-2).
    await vouchers.pickPeriod('2027-05');
    const pick = vouchers.screen.getByTestId('voucher-pick');
    await expect(pick.locator('option')).toHaveCount(2);
    await pick.selectOption({ label: `记-1 处置 ${czNumber}` });
    await expect(vouchers.line('6115').locator('td[data-col="credit"]')).toHaveText(yuanText(GAIN));
    await expect(vouchers.line('1601').locator('td[data-col="credit"]')).toHaveText(yuanText(COST));
    await f.screenshot({ path: 'docs/screenshots/story-vouchers.png', fullPage: true });

    // ---- The books tell the same story ----
    const t = admin();
    // Register: A disposed, B back in use after its repair; both cost ¥6,299.00.
    expect(api(t, 'assets.get', { id: A.id })).toMatchObject({ status: 'disposed', cost: COST });
    expect(api(t, 'assets.get', { id: B.id })).toMatchObject({ status: 'in_use', cost: COST });
    // Depreciation entries, month by month.
    const entries = (assetId: number) =>
      api(t, 'depreciation.entries', { assetId, limit: 100 }).rows.map((e) => [
        e.period,
        e.amount,
        e.accumulated,
        e.disposed,
      ]);
    // March: in service that month, so an entry of nothing (当月增加当月不提).
    expect(entries(A.id).sort()).toEqual([
      ['2027-03', 0, 0, false],
      ['2027-04', MONTHLY, MONTHLY, false],
      ['2027-05', MONTHLY, 2 * MONTHLY, true],
    ]);
    expect(entries(B.id).sort()).toEqual([
      ['2027-03', 0, 0, false],
      ['2027-04', MONTHLY, MONTHLY, false],
      ['2027-05', MONTHLY, 2 * MONTHLY, false],
      ['2027-06', MONTHLY, 3 * MONTHLY, false],
    ]);
    // The schedule (折旧明细表) March–June: both laptops in April and May, B alone in June.
    const schedule = api(t, 'reports.preview', {
      kind: 'depreciation_detail',
      params: { from: '2027-03', to: '2027-06' },
      limit: 100,
    });
    const amountCol = schedule.columns.findIndex((col) => col.key === 'amount');
    expect(schedule.totals[amountCol]).toBe(5 * MONTHLY);
    // The disposal and its voucher: 1606 in and out, the gain to 资产处置损益 (a sale under 企业会计准则).
    const sold = api(t, 'disposals.get', { id: disposal.id });
    expect(sold).toMatchObject({
      cost: COST,
      accumulated: SOLD_ACCUMULATED,
      impairment: 0,
      netBookValue: SOLD_NBV,
      gainLoss: GAIN,
      proceeds: PROCEEDS,
    });
    const v = api(t, 'vouchers.get', { id: sold.voucher!.id, assetsLimit: 10 });
    expect(v.lines!.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1606', SOLD_NBV, 0],
      ['1602', SOLD_ACCUMULATED, 0],
      ['1601', 0, COST],
      ['1002', PROCEEDS, 0],
      ['1606', 0, PROCEEDS],
      ['1606', GAIN, 0],
      ['6115', 0, GAIN],
    ]);
    expect([v.totalDebit, v.totalCredit]).toEqual([COST + PROCEEDS + GAIN, COST + PROCEEDS + GAIN]);
    expect(v).toMatchObject({ period: '2027-05', kind: 'disposal', voucherDate: '2027-05-20', number: 1 });
    // Depreciation vouchers: April and May charge both laptops, June only B.
    const dep = api(t, 'vouchers.list', { kind: 'depreciation' }).map((x) => [x.period, x.totalDebit]);
    expect(dep).toEqual([
      ['2027-06', MONTHLY],
      ['2027-05', 2 * MONTHLY],
      ['2027-04', 2 * MONTHLY],
    ]);
    // The repair: ¥680.00 from the vendor, expensed (nothing capitalised, no change voucher), the invoice kept.
    const rep = api(t, 'repairs.list', { assetId: B.id } as InputOf<'repairs.list'>).rows[0]!;
    expect(rep).toMatchObject({
      status: 'closed',
      vendorCost: VENDOR_COST,
      totalCost: VENDOR_COST,
      capitalisedAmount: null,
    });
    expect(api(t, 'repairs.get', { id: rep.id }).files.map((x) => [x.role, x.fileName])).toEqual([
      ['invoice', '维修发票-0414.pdf'],
    ]);
    const costs = api(t, 'repairs.costs', {
      from: '2027-01-01',
      to: '2027-12-31',
    } as InputOf<'repairs.costs'>);
    expect(costs.total).toMatchObject({ vendorCost: VENDOR_COST, totalCost: VENDOR_COST, capitalised: 0 });
    expect(api(t, 'changes.list', { assetId: B.id } as InputOf<'changes.list'>).total).toBe(0);
    // The loan: ten days late.
    const loan = api(t, 'loans.list', { assetId: A.id } as InputOf<'loans.list'>).rows[0]!;
    expect(loan).toMatchObject({ status: 'returned', dueDate: '2027-04-10', overdue: true, daysOverdue: 10 });

    // The asset card's history, oldest first: received, lent, returned late, offered for sale, disposed.
    const history = api(t, 'assets.history', { id: A.id } as InputOf<'assets.history'>)
      .map((e) => [
        e.at.slice(0, 10),
        e.kind,
        e.changes.map((ch) => `${ch.before}→${ch.after}`).join(),
        e.note,
      ])
      .reverse();
    expect(history).toEqual([
      ['2027-03-08', 'created', '', ''],
      ['2027-03-08', 'inbound', '', expect.stringContaining(`采购订单 ${poNumber}，序列号 PF4XK2A1`)],
      ['2027-04-01', 'loan', 'in_use→lent', expect.stringContaining('2027-04-10')],
      ['2027-04-20', 'loan_return', 'lent→in_use', expect.stringContaining('归还（完好），逾期 10 天')],
      ['2027-05-20', 'disposal', 'in_use→pending_disposal', expect.stringContaining(czNumber)],
      [
        '2027-05-20',
        'disposal',
        'pending_disposal→in_use',
        `处置 ${czNumber} 被退回修改：售价偏低，请按 6,000 元出售`,
      ],
      ['2027-05-20', 'disposal', 'in_use→pending_disposal', expect.stringContaining('重新提交')],
      ['2027-05-20', 'disposal', 'pending_disposal→disposed', expect.stringContaining(czNumber)],
    ]);
    await goHash(f, `#/assets/${A.id}`);
    await expect(f.getByTestId('asset-history')).toContainText(czNumber);
    await expect(f.getByTestId('asset-history')).toContainText('验收入库');
    await f.screenshot({ path: 'docs/screenshots/story-asset-card.png', fullPage: true });

    // The register as the ledger screen shows it.
    const ledger = new LedgerPage(f);
    await ledger.open();
    await ledger.searchFor('ThinkPad');
    await expect(ledger.rows).toHaveCount(2);
    await expect(ledger.rowWith(codeA)).toContainText('已处置');
    await expect(ledger.rowWith(codeB)).toContainText('在用');
    await f.screenshot({ path: 'docs/screenshots/story-ledger.png' });

    // The schedule on screen: its total is the five months charged.
    await goHash(f, '#/reports');
    await f.locator('button[data-kind="depreciation_detail"]').click();
    await f.getByTestId('param-from').fill('2027-03');
    await f.locator('input[type=month]').nth(1).fill('2027-06');
    await f.getByTestId('report-preview').click();
    await expect(f.getByTestId('report-totals')).toContainText(yuanText(5 * MONTHLY));
    await f.screenshot({ path: 'docs/screenshots/story-schedule.png', fullPage: true });

    // The audit log: intact, and every step is in it.
    expect(api(t, 'audit.verify', {})).toMatchObject({ ok: true });
    const counted = new Map<string, number>();
    for (const r of api(t, 'audit.list', { limit: 500 } as InputOf<'audit.list'>).rows)
      counted.set(`${r.action} ${r.entity}`, (counted.get(`${r.action} ${r.entity}`) ?? 0) + 1);
    // Every step of the story, by action and entity (sign-ins and the set-up aside).
    expect(Object.fromEntries(counted)).toMatchObject({
      'requisitions.create requisition': 1,
      'approvals.submit requisition': 1,
      'approvals.approve requisition': 2, // the department head, then finance
      'purchaseOrders.createFromRequisition purchaseOrder': 1,
      'inbound.sessions.start inboundSession': 2,
      'scans.submit scan': 2,
      'inbound.receive inbound': 2,
      'inbound.receive asset': 2,
      'inbound.receive labelPrint': 2,
      'loans.create loan': 1,
      'loans.return loan': 1,
      'repairs.create repair': 1,
      'repairs.update repair': 3, // accepted (vendor, cost, invoice), in repair, done
      'repairs.update asset': 1, // the invoice filed on the laptop's card
      'repairs.close repair': 1,
      'disposals.create disposal': 1,
      'approvals.submit disposal': 2, // asked, then resubmitted after the return
      'approvals.return disposal': 1,
      'disposals.update disposal': 1,
      'disposals.submit disposal': 1,
      'approvals.approve disposal': 1,
      'disposals.approved disposal': 1,
      'depreciation.post depreciation_run': 4, // March to June
      'vouchers.generate voucher': 3,
    });
    const auditor = await as('admin', ADMIN_PASSWORD);
    const audit = new AuditPage(auditor);
    await audit.open();
    await expect(await audit.verify()).toHaveAttribute('data-ok', 'true');
    await audit.filterByAction('disposals');
    await expect(audit.rows.first()).toBeVisible();
    await auditor.screenshot({ path: 'docs/screenshots/story-audit.png', fullPage: true });
  } finally {
    await printer.stop();
  }
  expect(errors).toEqual([]);
});
