// "Delegate while away" (委托审批) through the browser shell: a department head without account
// administration picks a stand-in who is not a department head (users.lookup), the stand-in's inbox
// badge follows live, they approve "for" the head and the trail says so; the requester, though an
// approver too, is never offered their own document; the head ends the delegation early.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures/server';
import type { Caller } from '../../src/main/api/session';
import type { InputOf, MethodName, ResultOf } from '../../src/main/api/contracts';
import { LoginPage } from './pages/login-page';
import { ApprovalsPage } from './pages/approvals-page';

const ADMIN_PASSWORD = 'admin-pass-123';
const PASSWORD = 'away-pass-2024';
test.use({ serverOptions: { adminPassword: ADMIN_PASSWORD, autoBackup: false, devices: false } });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function signedIn(browser: Browser, url: string, username: string, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: url,
    locale: 'zh-CN',
    viewport: { width: 1360, height: 900 },
  });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      errors.push(`${username}: ${m.text()}`);
  });
  await new LoginPage(page).signIn(username, PASSWORD);
  return page;
}

test('a head away delegates to a stand-in found by name; the stand-in approves for him', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const api = <M extends MethodName>(token: string | null, method: M, input: InputOf<M>): ResultOf<M> => {
    const r = server.server.core.dispatch({ token, source: 'desktop' } satisfies Caller, method, input);
    if (!r.ok)
      throw new Error(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details)}`);
    return r.data as ResultOf<M>;
  };
  const admin = api(null, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD }).token;
  const user = (username: string, displayName: string, role: string, departmentId: number | null = null) =>
    api(admin, 'users.create', {
      username,
      password: PASSWORD,
      displayName,
      roles: [role],
      departmentId,
      mustChangePassword: false,
    } as InputOf<'users.create'>);
  const head = user('head', '李部长', 'approver');
  const dept = api(admin, 'settings.departments.create', {
    code: 'RD',
    name: '研发部',
    headUserId: head.id,
  } as InputOf<'settings.departments.create'>);
  // The requester is an approver too (a team lead), in the head's department.
  const lead = user('lead', '赵组长', 'approver', dept.id);
  user('spare', '王备用', 'approver');
  user('finance', '钱会计', 'accountant');
  const category = api(admin, 'settings.categories.create', {
    code: 'NB',
    name: '笔记本电脑',
    lifeMonths: 36,
  } as InputOf<'settings.categories.create'>);

  const spare = await signedIn(browser, server.url, 'spare', errors);
  const spareInbox = new ApprovalsPage(spare);
  await expect(spare.getByTestId('nav-documents')).toBeVisible();

  const leadToken = api(null, 'auth.login', { username: 'lead', password: PASSWORD }).token;
  const r = api(leadToken, 'requisitions.create', {
    title: '显示器',
    lines: [{ categoryId: category.id, spec: '27 寸', quantity: 1, unitPrice: 150_000 }],
  } as InputOf<'requisitions.create'>);
  const req = api(leadToken, 'requisitions.submit', { id: r.id, version: r.version });
  expect(req.approval?.waitingAt?.assigneeId).toBe(head.id);
  await expect(spareInbox.badge).toHaveCount(0);

  // The head (no users.manage) finds 王备用 — not a department head — by name.
  const headPage = await signedIn(browser, server.url, 'head', errors);
  const headInbox = new ApprovalsPage(headPage);
  await headInbox.openInbox();
  await expect(headInbox.row(req.number)).toBeVisible();
  await headInbox.delegateWhileAway('王备用', '出差');
  await expect(headInbox.delegations()).toHaveCount(1);
  await expect(headInbox.delegations().first()).toContainText('王备用');

  // The stand-in's badge follows without a reload; the inbox says for whom.
  await expect(spareInbox.badge).toHaveText('1');
  await spareInbox.openInbox();
  await expect(spareInbox.row(req.number)).toContainText('代 李部长');
  await spareInbox.openDocument(req.number);
  await expect(spareInbox.panel).toContainText('您正在代 李部长 审批');
  await spareInbox.approve('代部长同意');
  await expect(spareInbox.panel.getByTestId('approval-trail')).toContainText('王备用（代 李部长）');
  await expect(spareInbox.badge).toHaveCount(0);

  // The requester, an approver himself, has nothing to act on for his own request.
  const leadPage = await signedIn(browser, server.url, 'lead', errors);
  const leadInbox = new ApprovalsPage(leadPage);
  await leadInbox.openInbox();
  await expect(leadInbox.row(req.number)).toHaveCount(0);
  await leadInbox.openDirect('requisition', req.id);
  await expect(leadInbox.panel).toBeVisible();
  await expect(leadInbox.actButtons()).toHaveCount(0);
  await expect(leadInbox.why()).toContainText('这是您自己提交的单据');
  expect(lead.id).toBe(req.requesterId);

  // Back early: the head ends the delegation.
  await headInbox.delegations().first().getByRole('button').click();
  await expect(headInbox.delegations().first()).toContainText('已结束');
  expect(api(admin, 'approvals.delegations.list', { all: true })[0]!.active).toBe(false);
  expect(errors).toEqual([]);
});
