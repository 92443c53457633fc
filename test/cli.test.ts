import { describe, expect, it } from 'vitest';
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
    expect(json(res.stdout)).toMatchObject({ valid: true, msisdn: '0381234567', carrier: 'viettel' });
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
