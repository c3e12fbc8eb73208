// Assets a transfer may take (in use or idle), searched by code or name for the asset picker.
import type { EntityOption } from '../../components/types';
import { call } from '../../lib/api';

export async function searchMovableAssets(q: string): Promise<EntityOption[]> {
  const r = await call('assets.list', {
    query: q || undefined,
    filters: { status: ['in_use', 'idle'] },
    limit: 20,
  });
  return r.ok ? r.data.rows.map((a) => ({ id: a.id, label: a.name, hint: a.assetCode })) : [];
}
