/**
 * Served with a configured certificate (TTTB_TLS_CERT, TTTB_TLS_KEY), as a commune office with no
 * TLS proxy would run it: https end to end, the session cookie marked Secure, and a start that
 * stops, naming the variable, when the files cannot serve.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { runCli, spawnCli } from './run-cli.ts';

const SLOW = 120_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-tls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate for 127.0.0.1 made by OpenSSL, and its key. */
function selfSigned(name: string) {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

function request(port: number, ca: Buffer, options: { path: string; method?: string; body?: unknown }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = https.request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', ca, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('https with a configured certificate', () => {
  it('serves https, and the session cookie a sign-in sets is Secure, HttpOnly and SameSite=Strict', async () => {
    const { cert, key } = selfSigned('good');
    const port = await freePort();
    const env = { TTTB_DATA_DIR: path.join(dir, 'data'), TTTB_PORT: String(port), TTTB_HOST: '127.0.0.1', TTTB_DEMO_LINES: '300', TTTB_SMSC_SIMULATOR_PORT: '0', TTTB_TLS_CERT: cert, TTTB_TLS_KEY: key };
    const child = spawnCli(['serve', '--demo'], env);
    let log = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not started in time:\n${log}`)), 90_000);
        const read = (d: Buffer) => {
          log += d.toString();
          if (log.includes(`tttb đang chạy tại https://127.0.0.1:${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${log}`)));
      });
      const ca = fs.readFileSync(cert);
      expect((await request(port, ca, { path: '/healthz' })).status).toBe(200);
      const demo = JSON.parse(fs.readFileSync(path.join(env.TTTB_DATA_DIR, 'demo-users.json'), 'utf8')) as { users: { username: string; password: string; role: string }[] };
      const viewer = demo.users.find((u) => u.role === 'province_viewer')!;
      const signedIn = await request(port, ca, { path: '/api/v1/auth/sign-in', method: 'POST', body: { username: viewer.username, password: viewer.password } });
      expect(signedIn.status).toBe(200);
      const cookie = ([signedIn.headers['set-cookie']].flat() as string[]).find((c) => c.startsWith('tttb_session='))!;
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, SLOW);

  it('refuses to start, naming the variable, with a key that is not the certificate’s, a file missing, or one of the two alone', async () => {
    const { cert } = selfSigned('one');
    const { key: otherKey } = selfSigned('two');
    const env = { TTTB_DATA_DIR: path.join(dir, 'refused'), TTTB_PORT: String(await freePort()), TTTB_SMSC_SIMULATOR_PORT: '0' };
    const mismatched = runCli(['serve', '--demo'], { ...env, TTTB_TLS_CERT: cert, TTTB_TLS_KEY: otherKey });
    expect(mismatched.status).toBe(2);
    expect(mismatched.stderr).toMatch(/TTTB_TLS_KEY=.*chứng thư và khoá không dùng được cùng nhau/);
    const missing = runCli(['serve', '--demo'], { ...env, TTTB_TLS_CERT: path.join(dir, 'nowhere.crt'), TTTB_TLS_KEY: otherKey });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/TTTB_TLS_CERT=.*không đọc được tệp \(ENOENT\)/);
    const alone = runCli(['serve', '--demo'], { ...env, TTTB_TLS_CERT: cert });
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/TTTB_TLS_KEY=.*cần cùng với TTTB_TLS_CERT/);
  }, SLOW);
});
