// Base settings (基础设置) API. Filled in by the settings module work.
export const settingsContract = {};
