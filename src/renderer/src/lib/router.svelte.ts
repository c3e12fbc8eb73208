// Hash-based routing (works from file:// in Electron and from the browser shell alike).

export interface Route {
  name: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

const PATTERNS: [name: string, pattern: RegExp, keys: string[]][] = [
  ['assets.new', /^\/assets\/new$/, []],
  ['assets.edit', /^\/assets\/(\d+)\/edit$/, ['id']],
  ['assets.detail', /^\/assets\/(\d+)$/, ['id']],
  ['assets', /^\/assets$/, []],
  ['settings', /^\/settings(?:\/([\w-]+))?$/, ['tab']],
  ['users', /^\/users(?:\/([\w-]+))?$/, ['tab']],
  ['audit', /^\/audit$/, []],
  ['periods', /^\/periods$/, []],
  ['changes', /^\/changes$/, []],
  ['reports', /^\/reports$/, []],
  ['vouchers', /^\/vouchers$/, []],
  ['usage', /^\/usage$/, []],
  ['import', /^\/import$/, []],
  ['backup', /^\/backup$/, []],
  ['password', /^\/account\/password$/, []],
  ['approvals.templates', /^\/approvals\/templates$/, []],
  ['approvals.doc', /^\/approvals\/([a-z_]+)\/(\d+)$/, ['kind', 'id']],
  ['approvals', /^\/approvals$/, []],
  ['requisitions.new', /^\/requisitions\/new$/, []],
  ['requisitions.detail', /^\/requisitions\/(\d+)$/, ['id']],
  ['requisitions', /^\/requisitions$/, []],
  ['purchaseOrders.detail', /^\/purchase-orders\/(\d+)$/, ['id']],
  ['purchaseOrders', /^\/purchase-orders$/, []],
  ['transfers.detail', /^\/transfers\/(\d+)$/, ['id']],
  ['repairs', /^\/repairs$/, []],
  ['disposals.detail', /^\/disposals\/(\d+)$/, ['id']],
  ['disposals', /^\/disposals$/, []],
  ['devices', /^\/devices$/, []],
  ['rfid', /^\/rfid$/, []],
  ['labels.edit', /^\/labels\/(\d+)$/, ['id']],
  ['labels', /^\/labels$/, []],
  ['counts.detail', /^\/counts\/(\d+)$/, ['id']],
  ['counts', /^\/counts$/, []],
  ['loans', /^\/loans$/, []],
  ['transfers', /^\/transfers$/, []],
  ['inbound', /^\/inbound$/, []],
];

function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/assets';
  const [path, qs] = raw.split('?') as [string, string | undefined];
  for (const [name, re, keys] of PATTERNS) {
    const m = re.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      keys.forEach((k, i) => {
        if (m[i + 1] !== undefined) params[k] = m[i + 1]!;
      });
      return { name, params, query: new URLSearchParams(qs ?? '') };
    }
  }
  return { name: 'assets', params: {}, query: new URLSearchParams() };
}

class Router {
  route = $state<Route>(parse(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parse(location.hash)));
  }

  go(path: string) {
    location.hash = path;
  }
}

export const router = new Router();
