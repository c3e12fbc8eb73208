import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contracts } from '../../src/main/api/contracts';
import { handlers } from '../../src/main/api/handlers';
import { renderApiDoc } from '../../src/main/api/api-doc';
import { contractTypeDecls } from '../../scripts/api-doc-types';

describe('the API contract', () => {
  it('docs/api.md is what the contracts generate (run `npm run docs:api` after changing a contract)', () => {
    expect(readFileSync('docs/api.md', 'utf8')).toBe(renderApiDoc(contracts, contractTypeDecls()));
  });

  it('every method has a handler and every handler a contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contracts).sort());
  });

  it('every method names its access, mode, summary and result', () => {
    for (const [name, spec] of Object.entries(contracts)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/);
      expect(spec.access, name).toBeTruthy();
      expect(['read', 'write'], name).toContain(spec.mode);
      expect(spec.summary.length, name).toBeGreaterThan(10);
      expect(spec.returns.length, name).toBeGreaterThan(0);
    }
  });
});
