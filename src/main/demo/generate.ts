// Sample company generator. (Placeholder until the demo generator lands.)
import type { Sqlite } from '../db/client';

export function loadSampleCompany(_sqlite: Sqlite, _opts: { assets: number; now: Date }): void {}
