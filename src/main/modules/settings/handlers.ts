// Base settings handlers. Filled in by the settings module work.
export const settingsHandlers = {};
