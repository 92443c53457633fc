import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands.ts';
import { runCli } from './run-cli.ts';

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('tttb check (as a user runs it)', () => {
  it('validates an ID number with its cross-checks, exit 0 when valid and 1 when not', () => {
    const ok = runCli(['check', 'id', '089 095 012345', '--birth-date', '1995-03-02', '--sex', 'male']);
    expect(ok.status).toBe(0);
    expect(json(ok.stdout)).toMatchObject({ valid: true, kind: 'personal_id', reasons: [] });

    const bad = runCli(['check', 'id', '089195012345', '--birth-date', '1996-03-02', '--sex', 'male']);
    expect(bad.status).toBe(1);
    expect(json(bad.stdout)).toMatchObject({ valid: false, reasons: expect.arrayContaining(['sex_mismatch', 'birth_year_mismatch']) as unknown });

    expect(json(runCli(['check', 'id', '381234567']).stdout)).toMatchObject({ valid: false, kind: 'cmnd9' });
  });

  it('normalises a phone number from an old 11-digit form', () => {
    const res = runCli(['check', 'phone', '+84 168 123 4567']);
    expect(json(res.stdout)).toMatchObject({ valid: true, msisdn: '0381234567', carrier: 'viettel', knownBy: 'both', note: null });
  });

  it('accepts a number only the numbering plan knows, with a note asking the carrier to confirm it', () => {
    const res = runCli(['check', 'phone', '095 123 4567']);
    expect(res.status).toBe(0);
    expect(json(res.stdout)).toMatchObject({ valid: true, msisdn: '0951234567', carrier: null, knownBy: 'numbering_plan', note: expect.stringContaining('cần nhà mạng xác nhận') as unknown });
  });

  it('compares names and reads dates and SMS texts', () => {
    expect(json(runCli(['check', 'name', 'Nguyễn Thị Hoà', 'nguyễn thị  hòa']).stdout)).toMatchObject({ result: 'same' });
    expect(json(runCli(['check', 'date', '1958']).stdout)).toEqual({ valid: true, date: '1958', precision: 'year', reasons: [], messages: [] });
    expect(json(runCli(['check', 'sms', 'a'.repeat(161)]).stdout)).toEqual({ encoding: 'gsm7', units: 161, parts: 2 });
  });

  it('answers garbage with a clear message and a non-zero exit, never a stack trace', () => {
    for (const args of [['check'], ['check', 'id'], ['check', 'frobnicate', 'x'], ['nonsense'], ['check', 'id', '1', '--sex', 'robot'], ['demo', 'generate', '--lines', 'many']]) {
      const res = runCli(args);
      expect(res.status, args.join(' ')).not.toBe(0);
      expect(res.stderr, args.join(' ')).toMatch(/error|Lỗi|Usage/i);
      expect(res.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    const badDate = runCli(['check', 'id', '089095012345', '--birth-date', '30/02/1995']);
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toMatch(/VALIDATION_FAILED/);
  });

  it('stops on an invalid environment variable, naming it', () => {
    const res = runCli(['check', 'phone', '0912345678'], { TTTB_PORT: 'eighty' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('TTTB_PORT');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the database’s mode and clock (as a user runs the commands)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-mode-'));
    dirs.push(dir);
    return { TTTB_DATA_DIR: dir };
  };

  it('a production database refuses a future --at, demo commands, and starts without its real adapters and secrets, naming each (exit 2)', () => {
    const env = dataDir();
    const future = runCli(['roadmap', 'run', '--at', '2099-06-30 08:00'], env);
    expect(future.status).toBe(2);
    expect(future.stderr).toMatch(/TIME_IN_FUTURE/);
    expect(runCli(['roadmap', 'run'], env).status).toBe(0);

    const demo = runCli(['demo', 'generate', '--lines', '10'], env);
    expect(demo.status).toBe(2);
    expect(demo.stderr).toMatch(/DEMO_ONLY/);

    const reconcile = runCli(['reconcile'], env);
    expect(reconcile.status).toBe(2);
    expect(reconcile.stderr).toMatch(/PRODUCTION_SETTINGS_MISSING.*TTTB_NID_URL, TTTB_NID_TOKEN/);

    const serve = runCli(['serve'], { ...env, TTTB_PORT: '1' });
    expect(serve.status).toBe(2);
    for (const variable of ['TTTB_NID_URL', 'TTTB_NID_TOKEN', 'TTTB_SMSC', 'TTTB_SELFCHECK_SESSION_SECRET']) expect(serve.stderr).toContain(variable);
    expect(serve.stderr).not.toMatch(/\n\s+at /);
  });

  it('a demo keeps its own clock: --at plays it forward, jobs read it, and it never goes back', () => {
    const env = dataDir();
    expect(runCli(['demo', 'generate', '--lines', '200'], env).status).toBe(0);
    const now = (): string => String(json(runCli(['demo', 'clock'], env).stdout)['now']);
    expect(now()).toMatch(/^2026-04-27T17:0/); // the campaign's first day, 00:00 in Vietnam

    expect(runCli(['reconcile'], env).status).toBe(0);
    const played = runCli(['roadmap', 'run', '--at', '2026-05-12 08:00'], env);
    expect(played.status).toBe(0);
    expect(json(played.stdout)).toMatchObject({ at: '2026-05-12T01:00:00.000Z' });
    expect(now() >= '2026-05-12T01:00:00.000Z').toBe(true);

    // Without --at, the roadmap runs at the demo's now, not today's date: nothing is terminated yet.
    const again = json(runCli(['roadmap', 'run'], env).stdout) as { at: string; counts: { terminated: number } };
    expect(again.at.slice(0, 10)).toBe('2026-05-12');
    expect(again.counts.terminated).toBe(0);

    const back = runCli(['demo', 'clock', 'set', '2026-05-01'], env);
    expect(back.status).toBe(2);
    expect(back.stderr).toMatch(/CLOCK_BACKWARDS/);
    expect(json(runCli(['demo', 'clock', 'advance', '2d'], env).stdout)['now']).toMatch(/^2026-05-14T01:/);
  });
});

describe('tttb --help', () => {
  it('lists every command of the one list (src/cli/commands.ts)', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^\\s+${command().name()}\\b`, 'm'));
  });
});
