import path from 'node:path';
import fp from 'fastify-plugin';
import type { FileStorage } from '../storage/file-storage.ts';
import { LocalDiskStorage } from '../storage/local-disk-storage.ts';

declare module 'fastify' {
  interface FastifyInstance {
    storage: FileStorage;
  }
}

/** The file store: local disk under `<DATA_DIR>/files/` unless a store is passed in. */
export default fp<{ storage?: FileStorage }>(
  async (app, options) => {
    app.decorate('storage', options.storage ?? new LocalDiskStorage(path.join(app.config.dataDir, 'files')));
  },
  { name: 'storage', dependencies: ['db'] },
);
