// Base settings (基础设置) handlers: the trees, the flat records and the single-value settings.
import type { HandlersOf } from '../../api/context';
import type { settingsContract } from './contract';
import { appSettingsHandlers } from './app-settings';
import { recordsHandlers } from './records';
import { categories, departments, locations } from './tree-specs';

export const settingsHandlers: HandlersOf<typeof settingsContract> = {
  'settings.categories.list': (ctx, input) => categories.list(ctx, input),
  'settings.categories.get': (ctx, { id }) => categories.get(ctx.sqlite, id),
  'settings.categories.create': (ctx, input) => categories.create(ctx, input),
  'settings.categories.update': (ctx, input) => categories.update(ctx, input),
  'settings.categories.delete': (ctx, input) => categories.delete(ctx, input),

  'settings.locations.list': (ctx, input) => locations.list(ctx, input),
  'settings.locations.get': (ctx, { id }) => locations.get(ctx.sqlite, id),
  'settings.locations.create': (ctx, input) => locations.create(ctx, input),
  'settings.locations.update': (ctx, input) => locations.update(ctx, input),
  'settings.locations.delete': (ctx, input) => locations.delete(ctx, input),

  'settings.departments.list': (ctx, input) => departments.list(ctx, input),
  'settings.departments.get': (ctx, { id }) => departments.get(ctx.sqlite, id),
  'settings.departments.create': (ctx, input) => departments.create(ctx, input),
  'settings.departments.update': (ctx, input) => departments.update(ctx, input),
  'settings.departments.delete': (ctx, input) => departments.delete(ctx, input),

  ...recordsHandlers,
  ...appSettingsHandlers,
};
