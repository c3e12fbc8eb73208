// `npm run serve -- --data <dir> --port <port>`: the browser shell from the command line.
import { parseArgs } from 'node:util';
import { startServer } from './server';
import { defaultDataDir } from './util/data-dir';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '5780' },
    host: { type: 'string' },
  },
});

const dataDir = values.data ?? defaultDataDir();
try {
  const s = await startServer({ dataDir, port: Number(values.port), host: values.host });
  console.log(`FAMS browser shell: ${s.url}  (data folder: ${dataDir})`);
  const stop = () => {
    void s.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`FAMS could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
