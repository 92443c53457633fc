import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './run-cli.ts';

describe('tttb sms send against the demo service (npm start)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-sms-'));
  const simulatorFile = path.join(dataDir, 'smsc-simulator.json');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('plays a phone texting 1414 and prints the reply, shows what the handset received; without a running simulator it says so (exit 2)', async () => {
    const env = { TTTB_DATA_DIR: dataDir, TTTB_HOST: '127.0.0.1', TTTB_PORT: String(20_000 + Math.floor(Math.random() * 20_000)) };
    const child = spawnCli(['serve', '--demo'], { ...env, TTTB_DEMO_LINES: '300', TTTB_SMSC_SIMULATOR_PORT: '0' });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!fs.existsSync(simulatorFile)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the service did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(fs.statSync(simulatorFile).mode & 0o777).toBe(0o600);
      const sent = runCli(['sms', 'send', '--from', '0912345678', '--to', '1414', 'TTTB'], { TTTB_DATA_DIR: dataDir });
      expect(sent.status, sent.stderr).toBe(0);
      const answer = JSON.parse(sent.stdout) as Record<string, unknown>;
      expect(answer).toMatchObject({ from: '0912345678', to: '1414', text: 'TTTB' });
      expect(answer['reply']).toEqual(expect.any(String));
      expect(answer['parts']).toBeGreaterThanOrEqual(1);
      // What the handset received, as a person checking the web self-check's code would read it.
      const inbox = runCli(['sms', 'inbox', '--number', '0912345678'], { TTTB_DATA_DIR: dataDir });
      expect(inbox.status, inbox.stderr).toBe(0);
      expect(JSON.parse(inbox.stdout)).toEqual({ number: '0912345678', texts: [{ from: '1414', text: answer['reply'] }] });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(fs.existsSync(simulatorFile)).toBe(false);
    expect(log).not.toMatch(/"level":(50|60)/);

    const none = runCli(['sms', 'send', '--from', '0912345678', 'TTTB'], { TTTB_DATA_DIR: dataDir });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('SMSC_NOT_RUNNING');
    expect(runCli(['sms', 'inbox', '--number', '0912345678'], { TTTB_DATA_DIR: dataDir }).status).toBe(2);
    // What the service stored stays countable after it stopped: the message above, read as text.
    const stats = runCli(['sms', 'stats'], { TTTB_DATA_DIR: dataDir });
    expect(stats.status, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual({ carriers: { vinaphone: { received: 1, unreadable: 0 } } });
  });
});
