import fp from 'fastify-plugin';
import { loadKeyring, type Keyring } from '../privacy/keyring.ts';

declare module 'fastify' {
  interface FastifyInstance {
    keyring: Keyring;
  }
}

/** The keys for students' sensitive fields: PII_KEYS, or the data directory's key file. */
export default fp<{ keyring?: Keyring }>(
  async (app, options) => {
    app.decorate('keyring', options.keyring ?? (await loadKeyring(app.config)));
  },
  { name: 'privacy', dependencies: ['db'] },
);
