/**
 * The peer of the HTTP benchmarks: a bare Fastify route that answers a constant, started in its
 * own process like tttb. `run-ts.mjs bench/bare-fastify.server.ts PORT` prints "ready" once listening.
 */
import Fastify from 'fastify';

const ANSWER = {
  kind: 'own_line',
  text: 'TTTB: So 09******78 dang ky ten NGUYEN VAN A, sinh 01/01/1990, giay to 089******789. Trang thai: da xac thuc.',
};

const app = Fastify({ logger: false });
app.post('/api/v1/selfcheck', () => ANSWER);
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
process.stdout.write('ready\n');
