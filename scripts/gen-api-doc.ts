// Writes docs/api.md from the contracts (npm run docs:api).
import { writeFileSync } from 'node:fs';
import { contracts } from '../src/main/api/contracts';
import { renderApiDoc } from '../src/main/api/api-doc';
import { contractTypeDecls } from './api-doc-types';

writeFileSync('docs/api.md', renderApiDoc(contracts, contractTypeDecls()));
console.log(`docs/api.md: ${Object.keys(contracts).length} methods`);
