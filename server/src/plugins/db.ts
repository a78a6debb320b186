import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { DatabaseHandle, Db } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DatabaseHandle['kind'];
    config: Config;
  }
}

/** Hands the opened database to the app; whoever opened it closes it. */
export default fp<{ handle: DatabaseHandle; config: Config }>(
  async (app, { handle, config }) => {
    app.decorate('db', handle.db);
    app.decorate('dbKind', handle.kind);
    app.decorate('config', config);
  },
  { name: 'db' },
);
