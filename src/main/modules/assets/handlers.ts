// Ledger handlers. Filled in by the assets module work.
export const assetsHandlers = {};
