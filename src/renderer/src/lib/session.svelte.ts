// Who is signed in, with their permissions; the public system status (setup needed, company).
import type { UserDto } from '../../../main/modules/users/contract';
import type { SystemStatus } from '../../../main/modules/system/contract';
import type { Permission } from '../../../main/api/permissions';
import { call, getToken, setToken } from './api';
import { i18n } from './i18n/index.svelte';

class SessionState {
  user = $state<UserDto | null>(null);
  status = $state<SystemStatus | null>(null);
  ready = $state(false);

  async init() {
    const s = await call('system.status', {});
    if (s.ok) {
      this.status = s.data;
      if (!localStorage.getItem('fams.locale')) i18n.setLocale(s.data.locale);
    }
    if (getToken()) {
      const me = await call('auth.me', {});
      if (me.ok) this.user = me.data;
      else setToken(null);
    }
    this.ready = true;
  }

  signedIn(token: string, user: UserDto) {
    setToken(token);
    this.user = user;
    if (user.locale) i18n.setLocale(user.locale as 'zh-CN' | 'en');
  }

  async refreshStatus() {
    const s = await call('system.status', {});
    if (s.ok) this.status = s.data;
  }

  async logout() {
    await call('auth.logout', {});
    setToken(null);
    this.user = null;
  }

  can(p: Permission): boolean {
    return !!this.user?.permissions.includes(p);
  }
}

export const session = new SessionState();
