// Renders docs/api.md from the contracts, so the documentation cannot drift from the code:
// a test regenerates it and compares.
import { z } from 'zod';
import type { ContractMap } from './contract';

type Json = Record<string, unknown>;

function typeOf(s: Json, depth: number): string {
  if (s.anyOf || s.oneOf) {
    const parts = ((s.anyOf ?? s.oneOf) as Json[]).map((x) => typeOf(x, depth));
    return [...new Set(parts)].join(' | ');
  }
  if (s.enum) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const t = s.type;
  if (Array.isArray(t)) return t.map((x) => typeOf({ ...s, type: x }, depth)).join(' | ');
  switch (t) {
    case 'string': {
      const notes: string[] = [];
      if (s.format) notes.push(String(s.format));
      if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date (YYYY-MM-DD)';
      if (typeof s.pattern === 'string' && String(s.pattern).startsWith('^\\d{4}-(0[1-9]'))
        return 'period (YYYY-MM)';
      if (s.maxLength !== undefined) notes.push(`≤${String(s.maxLength)} chars`);
      return notes.length ? `string (${notes.join(', ')})` : 'string';
    }
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `${wrap(typeOf((s.items as Json) ?? {}, depth))}[]`;
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const keys = Object.keys(props);
      if (!keys.length) return '{}';
      const pad = '  '.repeat(depth + 1);
      const lines = keys.map((k) => {
        const p = props[k]!;
        const def = p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : '';
        return `${pad}${k}${required.has(k) && p.default === undefined ? '' : '?'}: ${typeOf(p, depth + 1)}${def}`;
      });
      return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
    }
    default:
      return 'unknown';
  }
}

const wrap = (t: string) => (t.includes('|') ? `(${t})` : t);

export function inputDoc(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return typeOf(json, 0);
}

function accessDoc(access: unknown): string {
  if (access === 'public') return 'public (no sign-in)';
  if (access === 'session') return 'any signed-in user';
  return (Array.isArray(access) ? access : [access]).map((p) => `\`${String(p)}\``).join(' or ');
}

export function renderApiDoc(contracts: ContractMap, typeDecls: string[] = []): string {
  const names = Object.keys(contracts).sort();
  const modules = [...new Set(names.map((n) => n.split('.')[0]!))];
  const out: string[] = [
    '# FAMS API',
    '',
    '<!-- Generated from the contracts by `npm run docs:api`; a test fails when this file is stale. -->',
    '',
    'One method per use case, the same over IPC (desktop) and HTTP (browser shell).',
    '',
    '- HTTP: `POST /api/<method>` with a JSON body and `Authorization: Bearer <token>` (from `auth.login`);',
    '  `GET /api/health`; events on the WebSocket `/api/events` (send `{"type":"auth","token":"…"}` first).',
    '- Every answer is `{ "ok": true, "data": … }` or `{ "ok": false, "error": { "code", "message", "params"?, "details"? } }`.',
    '  `message` is an i18n key; validation problems come in `details` as `[{ path, message, params? }]`.',
    '  Codes: `VALIDATION`, `CONFLICT`, `FORBIDDEN`, `UNAUTHENTICATED`, `NOT_FOUND`, `UNKNOWN_METHOD`, `DUPLICATE`,',
    '  `IN_USE`, `INVALID_TRANSITION`, `PERIOD_CLOSED`, `ASSET_LOCKED`, `BAD_CREDENTIALS`, `ACCOUNT_LOCKED`,',
    '  `RATE_LIMITED`, `ALREADY_SET_UP`, `INTERNAL`.',
    '- Money is integer fen (分), dates `YYYY-MM-DD`, periods `YYYY-MM`, timestamps ISO-8601 UTC, rates fractions',
    '  (0.05 = 5%), files base64. Updates take the `version` read; a stale one answers `CONFLICT`.',
    '',
    '## Methods',
    '',
    ...modules.map((m) => `- [${m}](#${m})`),
    '- [Types](#types)',
    '',
  ];
  for (const m of modules) {
    out.push(`## ${m}`, '');
    for (const name of names.filter((n) => n.split('.')[0] === m)) {
      const spec = contracts[name]!;
      out.push(
        `### \`${name}\``,
        '',
        spec.summary,
        '',
        `- Access: ${accessDoc(spec.access)}; ${spec.mode === 'write' ? 'writes (audited)' : 'reads'}.`,
        `- Returns: \`${spec.returns}\``,
        '',
        '```ts',
        inputDoc(spec.input),
        '```',
        '',
      );
    }
  }
  if (typeDecls.length)
    out.push(
      '## Types',
      '',
      'Result types, as declared in the contracts.',
      '',
      '```ts',
      typeDecls.join('\n\n'),
      '```',
      '',
    );
  return out.join('\n');
}
