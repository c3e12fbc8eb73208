// Default base settings written at first-run setup. (Placeholder until the settings module lands.)
import type { Sqlite } from '../../db/client';

export function seedDefaults(_sqlite: Sqlite, _nowIso: string): void {}
