// The default data folder on each OS when none is given.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  if (process.env.FAMS_DATA_DIR) return process.env.FAMS_DATA_DIR;
  const home = homedir();
  if (platform() === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'FAMS');
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'FAMS');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'fams');
}
