// Translations: zh-CN by default, English complete, switchable at run time. Messages live in
// messages/<area>.ts, each with both languages side by side so neither falls behind (a unit test
// checks that every key exists in both).
import type { ApiError, FieldProblem } from '../../../../main/api/errors-shared';
import { messages as common } from './messages/common';
import { messages as errors } from './messages/errors';
import { messages as settings } from './messages/settings';
import { messages as users } from './messages/users';
import { messages as audit } from './messages/audit';
import { messages as labels } from './messages/labels';
import { messages as io } from './messages/io';
import { messages as backup } from './messages/backup';
import { messages as periods } from './messages/periods';
import { messages as changes } from './messages/changes';
import { messages as reports } from './messages/reports';
import { messages as devices } from './messages/devices';
import { messages as labelsUi } from './messages/labels-ui';
import { messages as scan } from './messages/scan';
import { messages as counts } from './messages/counts';
import { messages as approvals } from './messages/approvals';
import { messages as requisitions } from './messages/requisitions';
import { messages as lifecycle } from './messages/lifecycle';
import { messages as vouchers } from './messages/vouchers';
import { messages as usage } from './messages/usage';

export type Locale = 'zh-CN' | 'en';
export type Messages = { 'zh-CN': Record<string, string>; en: Record<string, string> };

const bundles: Messages[] = [
  common,
  errors,
  settings,
  users,
  audit,
  labels,
  periods,
  changes,
  reports,
  devices,
  labelsUi,
  scan,
  io,
  backup,
  counts,
  approvals,
  requisitions,
  lifecycle,
  vouchers,
  usage,
];

/** Registers an area's messages (screens import their own file). */
export function addMessages(m: Messages): void {
  if (!bundles.includes(m)) bundles.push(m);
  i18n.revision++;
}

const LOCALE_KEY = 'fams.locale';

class I18n {
  locale = $state<Locale>((localStorage.getItem(LOCALE_KEY) as Locale | null) ?? 'zh-CN');
  /** Bumped when messages are added, so templates re-render. */
  revision = $state(0);

  setLocale(l: Locale) {
    this.locale = l;
    localStorage.setItem(LOCALE_KEY, l);
    document.documentElement.lang = l;
  }

  t = (key: string, params?: Record<string, unknown>): string => {
    void this.revision;
    let text: string | undefined;
    for (let i = bundles.length - 1; i >= 0 && text === undefined; i--) text = bundles[i]![this.locale][key];
    if (text === undefined) for (const b of bundles) text ??= b['zh-CN'][key];
    text ??= key;
    return params
      ? text.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])))
      : text;
  };
}

export const i18n = new I18n();
export const t = i18n.t;

/** A whole error in one sentence, for toasts and banners. */
export function errorText(e: ApiError): string {
  const base = t(e.message, e.params);
  const problems = fieldProblems(e);
  const fields = Object.entries(problems).map(([path, msg]) => `${t(`field.${path}`)}: ${msg}`);
  return fields.length ? `${base} ${fields.join('; ')}` : base;
}

/** Validation problems by input path, translated, for showing under each field. */
export function fieldProblems(e: ApiError | null | undefined): Record<string, string> {
  if (!e || !Array.isArray(e.details)) return {};
  const out: Record<string, string> = {};
  for (const p of e.details as FieldProblem[]) {
    if (p && typeof p.path === 'string' && !(p.path in out)) out[p.path] = t(p.message, p.params);
  }
  return out;
}
