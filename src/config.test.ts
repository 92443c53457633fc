import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, loadConfig } from './config.ts';
import { DEFAULT_VERIFICATION_SETTINGS } from './verification/attempts/index.ts';

describe('loadConfig', () => {
  it('defaults to port 8080 and SQLite under ./var', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe(`file:${path.resolve('var', 'tttb.db')}`);
    expect(config.logLevel).toBe('info');
  });

  it('takes the port, a file: or postgres:// URL and the demo size from the environment', () => {
    const config = loadConfig({
      TTTB_PORT: '9090',
      TTTB_DATABASE_URL: 'postgres://u:secret@db:5432/tttb',
      TTTB_DEMO_LINES: '500',
      TTTB_DEMO_SEED: '7',
    });
    expect(config).toMatchObject({ port: 9090, databaseUrl: 'postgres://u:secret@db:5432/tttb', demo: { lines: 500, seed: 7 } });
    expect(loadConfig({ TTTB_DATABASE_URL: 'file:/tmp/x.db' }).databaseUrl).toBe('file:/tmp/x.db');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ TTTB_PORT: '' }).port).toBe(8080);
  });

  it('names every invalid variable and what it expects', () => {
    const failure = (() => {
      try {
        loadConfig({ TTTB_PORT: 'abc', TTTB_DATABASE_URL: 'mysql://x', TTTB_LOG_LEVEL: 'loud' });
      } catch (e) {
        return e;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    const error = failure as ConfigError;
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['TTTB_DATABASE_URL', 'TTTB_LOG_LEVEL', 'TTTB_PORT']);
    expect(error.message).toContain('TTTB_PORT="abc"');
    expect(error.message).toContain('file:');
  });

  it('rejects ports out of range', () => {
    expect(() => loadConfig({ TTTB_PORT: '70000' })).toThrow(/TTTB_PORT/);
    expect(() => loadConfig({ TTTB_PORT: '0' })).toThrow(/TTTB_PORT/);
    expect(() => loadConfig({ TTTB_PORT: '80.5' })).toThrow(/TTTB_PORT/);
  });
});

describe('national ID service configuration', () => {
  it('uses the simulator unless TTTB_NID_URL names an endpoint', () => {
    expect(loadConfig({}).nationalId).toEqual({ simulator: true });
    expect(loadConfig({ TTTB_NID_URL: 'https://nid.example.gov.vn', TTTB_NID_TOKEN: 's3cret' }).nationalId).toEqual({
      url: 'https://nid.example.gov.vn',
      token: 's3cret',
    });
    expect(() => loadConfig({ TTTB_NID_URL: 'ftp://x' })).toThrow(/TTTB_NID_URL/);
  });

  it('takes the carriers\' SMSC links as JSON, else runs the SMSC simulator on port 2775', () => {
    expect(loadConfig({}).sms).toEqual({ shortCode: '1414', smsc: { simulator: { port: 2775 } } });
    const links = [{ carrier: 'viettel', host: 'smsc.example', systemId: 'tttb', password: 'pw' }];
    expect(loadConfig({ TTTB_SMSC: JSON.stringify(links) }).sms.smsc).toEqual({
      links: [{ ...links[0], port: 2775, systemType: '', windowSize: 10 }],
    });
  });

  it('names the bad SMSC entry and field but never echoes the passwords', () => {
    const env = { TTTB_SMSC: JSON.stringify([{ carrier: 'viettel', host: 'h', systemId: 'tttb', password: 'far-too-long-secret' }]) };
    const error = (() => {
      try {
        loadConfig(env);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems[0]).toMatchObject({ variable: 'TTTB_SMSC' });
    expect(error?.message).toContain('[0].password');
    expect(error?.message).not.toContain('far-too-long-secret');
    expect(() => loadConfig({ TTTB_SMSC: 'not json' })).toThrow(/JSON/);
  });

  it('reads the self-check settings', () => {
    expect(loadConfig({ TTTB_SELFCHECK_UNMASK: 'true', TTTB_SELFCHECK_MASK_DOCUMENT: 'true', TTTB_SELFCHECK_OTP_PER_CLIENT_PER_HOUR: '2' }).selfCheck).toEqual({
      unmask: true,
      maskDocument: true,
      otpPerLinePerHour: 20,
      otpPerClientPerHour: 2,
      otpSpacingSeconds: 30,
      otpMaxSpacingSeconds: 300,
      requestsPerClientPerMinute: 60,
      sessionSecret: undefined,
    });
    expect(() => loadConfig({ TTTB_SELFCHECK_SESSION_SECRET: 'short' })).toThrow(/TTTB_SELFCHECK_SESSION_SECRET/);
    expect(() => loadConfig({ TTTB_SELFCHECK_UNMASK: 'maybe' })).toThrow(/TTTB_SELFCHECK_UNMASK/);
  });

  const VERIFICATION_VARIABLES = {
    TTTB_VERIFICATION_ATTEMPTS_PER_LINE_PER_HOUR: 'attemptsPerLinePerHour',
    TTTB_VERIFICATION_ATTEMPTS_PER_LINE_PER_DAY: 'attemptsPerLinePerDay',
    TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_MINUTE: 'attemptsPerClientPerMinute',
    TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_HOUR: 'attemptsPerClientPerHour',
    TTTB_VERIFICATION_FACE_FAILURES_BEFORE_IN_PERSON_ONLY: 'faceFailuresBeforeInPersonOnly',
  } as const;

  it('defaults the verification limits to those of the verification settings', () => {
    const defaults = Object.fromEntries(Object.values(VERIFICATION_VARIABLES).map((field) => [field, DEFAULT_VERIFICATION_SETTINGS[field]]));
    expect(loadConfig({}).verification).toEqual(defaults);
  });

  it('reads every verification limit as a positive integer, and names the variable of any other value', () => {
    const variable = fc.constantFrom(...(Object.keys(VERIFICATION_VARIABLES) as (keyof typeof VERIFICATION_VARIABLES)[]));
    fc.assert(
      fc.property(variable, fc.integer({ min: 1, max: 1_000_000 }), (name, n) => {
        expect(loadConfig({ [name]: String(n) }).verification[VERIFICATION_VARIABLES[name]]).toBe(n);
      }),
    );
    const notPositiveInteger = fc.oneof(
      fc.integer({ max: 0 }).map(String),
      fc.double({ min: 0.01, max: 1000, noInteger: true, noNaN: true }).map(String),
      fc.stringMatching(/^[a-z]+$/), // never a number (Number('Infinity') is; lower case is not)
    );
    fc.assert(
      fc.property(variable, notPositiveInteger, (name, text) => {
        expect(() => loadConfig({ [name]: text })).toThrow(ConfigError);
        expect(() => loadConfig({ [name]: text })).toThrow(name);
      }),
    );
  });
});
