// `npm start`: the desktop app when an Electron runtime is installed; otherwise one plain sentence
// and the browser shell on the default data folder (src/main/util/data-dir.ts, via serve-cli).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const FIRST_PORT = 5780;

/** The Electron binary when it exists and answers --version; null otherwise. */
function electronBinary() {
  let bin;
  try {
    // The electron package exports its binary's path, and throws when the download never happened.
    bin = require('electron');
  } catch {
    return null;
  }
  if (typeof bin !== 'string' || !existsSync(bin)) return null;
  const probe = spawnSync(bin, ['--version'], { timeout: 10_000, encoding: 'utf8', stdio: 'pipe' });
  return probe.status === 0 ? bin : null;
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds with electron-vite when the output is missing or older than the sources. */
function buildIfStale(output) {
  const out = join(root, output);
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'electron.vite.config.ts')),
    newestMtime(join(root, 'package.json')),
  );
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  console.log('Building FAMS first (a few seconds)…');
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  if (r.status === 0) return;
  process.stderr.write(`${r.stdout}${r.stderr}`);
  if (existsSync(out)) {
    console.error('The build failed (see above); starting the previous build instead.');
    return;
  }
  console.error('The build failed; see the messages above.');
  process.exit(r.status ?? 1);
}

/** Why the desktop app cannot start here, or null when it can. */
function noDesktopReason(electron) {
  if (!electron) return 'No Electron runtime is installed here';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'No graphical display is available here';
  }
  return null;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freePort() {
  for (let p = FIRST_PORT; p < FIRST_PORT + 100; p++) if (await portIsFree(p)) return p;
  return FIRST_PORT; // all taken: let the server report the clash
}

/** Runs a child in the foreground, passing on Ctrl+C / kill, and exits with its code. */
function runForeground(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const electron = electronBinary();
const reason = noDesktopReason(electron);
if (!reason) {
  buildIfStale('out/main/index.js');
  runForeground(electron, [root]);
} else {
  const port = await freePort();
  console.log(`${reason}, so FAMS is starting in your browser instead: open http://127.0.0.1:${port}`);
  buildIfStale('out/renderer/index.html');
  runForeground(process.execPath, [
    '--import',
    'tsx',
    join(root, 'src/main/serve-cli.ts'),
    '--port',
    String(port),
  ]);
}
