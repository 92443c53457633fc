import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
});
