/**
 * The server of `bench web`: the look-up route (`POST /api/v1/lines/search`, masked) on the same
 * database in two builds that differ only in access. `access`: the real access hook, the caller
 * signed in with a session cookie and its CSRF token. `off`: no hook; every request carries a
 * fixed province-wide principal, as if access were switched off. Both have the same compilers,
 * decorations and error handling, so the difference is what sign-in checks cost.
 *
 * `run-ts.mjs bench/web-read.server.ts access|off PORT DATABASE_FILE` prints "ready" once listening.
 */
import { openDatabase } from '../src/db/open.ts';
import type { Principal } from '../src/domain/index.ts';
import { routeTestApp } from '../src/http/testing.ts';
import { lookupRoutes } from '../src/lookup/index.ts';

const [mode, port, file] = process.argv.slice(2);
const db = openDatabase(`file:${file}`);
const PROVINCE: Principal = { kind: 'user', id: 1, actor: 'bench', displayName: 'bench', role: 'province_viewer', scope: 'province' };

const app = mode === 'access' ? routeTestApp(db) : routeTestApp(db, undefined, PROVINCE);
await app.register(lookupRoutes, { prefix: '/api/v1' });
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
