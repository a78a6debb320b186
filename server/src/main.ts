import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { prepareInitialData } from './demo/initial-data.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const started = Date.now();
const handle = await openDatabase(config);
await migrateToLatest(handle.db);
const app = await buildApp(config, handle);
await prepareInitialData(handle.db, config, app.log);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, '正在关闭 (shutting down)');
  const timer = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await app.close();
    await handle.close();
  } finally {
    clearTimeout(timer);
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
app.log.info(
  { database: handle.kind, demo: config.demoData, startupMs: Date.now() - started },
  `永助已启动 (ready): http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
);
