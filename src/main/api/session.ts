// Who is calling: resolved from a bearer token by the users module, carried into every handler.
import type { Permission } from './permissions';

export type Source = 'desktop' | 'browser' | 'import' | 'device' | 'system' | 'count';

export interface Session {
  tokenHash: string;
  userId: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  /** The custodian record linked to this user, for "my assets". */
  custodianId: number | null;
  departmentId: number | null;
  source: Source;
}

export interface Caller {
  token: string | null;
  source: Source;
  /** Remote address for rate limiting and the audit log. */
  ip?: string;
}
