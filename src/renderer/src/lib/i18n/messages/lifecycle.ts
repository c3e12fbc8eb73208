// The asset lifecycle documents after purchase: inbound acceptance (入库验收), transfer details,
// repairs (报修) and disposals (处置).
export const messages = {
  'zh-CN': {
    'nav.repairs': '报修',
    'nav.disposals': '处置',
    'inbound.receipts': '入库记录',
    'inbound.assetCount': '{n} 项资产',
  },
  en: {
    'nav.repairs': 'Repairs',
    'nav.disposals': 'Disposals',
    'inbound.receipts': 'Receipts',
    'inbound.assetCount': '{n} assets',
  },
};
