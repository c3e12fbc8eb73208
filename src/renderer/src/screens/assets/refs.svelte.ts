// The trees the ledger screens pick from (categories, locations, departments), fetched once per
// session and again when someone changes the settings.
import type { CategoryDto, DepartmentDto, LocationDto } from '../../../../main/modules/settings/contract';
import { call, onEvent } from '../../lib/api';

class RefsState {
  categories = $state.raw<CategoryDto[]>([]);
  locations = $state.raw<LocationDto[]>([]);
  departments = $state.raw<DepartmentDto[]>([]);
  #loaded: Promise<void> | null = null;
  #listening = false;

  /** Resolves when the trees are here (immediately after the first time). */
  load(): Promise<void> {
    if (!this.#loaded) {
      this.#loaded = this.#fetch();
      if (!this.#listening) {
        this.#listening = true;
        onEvent((e) => {
          if (e.type === 'settings.changed' && this.#loaded) void this.#fetch();
        });
      }
    }
    return this.#loaded;
  }

  async #fetch() {
    const [c, l, d] = await Promise.all([
      call('settings.categories.list', {}),
      call('settings.locations.list', {}),
      call('settings.departments.list', {}),
    ]);
    if (c.ok) this.categories = c.data;
    if (l.ok) this.locations = l.data;
    if (d.ok) this.departments = d.data;
  }

  /** After a sign-out the next user may see different settings. */
  forget() {
    this.#loaded = null;
  }

  category(id: number | null | undefined) {
    return id ? this.categories.find((c) => c.id === id) : undefined;
  }

  /** "办公楼 / 3F / 301" for a node of any of the three trees. */
  pathName(tree: 'categories' | 'locations' | 'departments', id: number | null | undefined): string | null {
    if (!id) return null;
    return this[tree].find((n) => n.id === id)?.pathName ?? null;
  }
}

export const refs = new RefsState();
