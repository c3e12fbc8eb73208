// How a role is named on screen: built-ins through translations, custom roles by their own name.
import type { RoleDto } from '../../../../main/modules/users/contract';
import { t } from '../../lib/i18n/index.svelte';

export function roleName(role: Pick<RoleDto, 'key' | 'name' | 'builtin'> | undefined, key: string): string {
  if (role && !role.builtin) return role.name;
  const k = `role.${key}`;
  const s = t(k);
  return s === k ? (role?.name ?? key) : s;
}
