/**
 * Environment → validated configuration, parsed once at start. Nothing else reads `process.env`
 * for settings: every module receives what it needs from the object built here.
 */
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const databaseUrl = z
  .string()
  .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
    message: 'cần dạng file:ĐƯỜNG_DẪN hoặc postgres://… (expected file:PATH or postgres://…)',
  });

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `cần một số nguyên dương (expected a positive integer: ${what})` })
    .int({ error: `cần một số nguyên dương (expected a positive integer: ${what})` })
    .positive({ error: `cần một số nguyên dương (expected a positive integer: ${what})` });

const envSchema = z.object({
  TTTB_PORT: positiveInt('TCP port').max(65535, { error: 'cổng phải ≤ 65535 (port must be ≤ 65535)' }).default(8080),
  TTTB_HOST: z.string().min(1).default('localhost'),
  TTTB_DATABASE_URL: databaseUrl.optional(),
  TTTB_DATA_DIR: z.string().min(1).default('var'),
  TTTB_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `cần một trong ${LOG_LEVELS.join(', ')}` }).default('info'),
  TTTB_DEMO_LINES: positiveInt('number of demo lines').default(20_000),
  TTTB_DEMO_SEED: z.coerce.number({ error: 'cần một số nguyên (expected an integer)' }).int().default(2026),
  TTTB_TEST_DATABASE_URL: databaseUrl.optional(),
  TTTB_ROADMAP_INTERVAL_SECONDS: z.coerce
    .number({ error: 'cần số giây ≥ 0 (expected seconds ≥ 0; 0 turns the job off)' })
    .int({ error: 'cần số giây ≥ 0 (expected seconds ≥ 0; 0 turns the job off)' })
    .min(0, { error: 'cần số giây ≥ 0 (expected seconds ≥ 0; 0 turns the job off)' })
    .default(300),
  TTTB_RECONCILE_INTERVAL_HOURS: z.coerce
    .number({ error: 'cần số giờ ≥ 0 (expected hours ≥ 0; 0 turns the job off)' })
    .min(0, { error: 'cần số giờ ≥ 0 (expected hours ≥ 0; 0 turns the job off)' })
    .default(24),
  TTTB_NID_URL: z.url({ protocol: /^https?$/, error: 'cần một địa chỉ http(s):// (expected an http(s) URL)' }).optional(),
  TTTB_NID_TOKEN: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  /** `file:PATH` or `postgres://…`; the default is SQLite under the data directory. */
  databaseUrl: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  demo: { lines: number; seed: number };
  testDatabaseUrl: string | undefined;
  /** The national ID service: its HTTP endpoint, or the built-in simulator when unset. */
  nationalId: { url: string; token: string | undefined } | { simulator: true };
  /** How often the service applies the suspension roadmap; 0 = never (run `tttb roadmap run`). */
  roadmapIntervalMs: number;
  /** How often the service reconciles every line with the national database; 0 = never. */
  reconcileIntervalMs: number;
}

/** Thrown when the environment is invalid; lists every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string; value: string | undefined }[]) {
    super(
      'Cấu hình không hợp lệ (invalid configuration):\n' +
        problems.map((p) => `  ${p.variable}=${JSON.stringify(p.value ?? '')}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws {@link ConfigError} naming each invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `TTTB_PORT= npm start` should mean "default", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('TTTB_') && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        return { variable, message: issue.message, value: present[variable] };
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.TTTB_DATA_DIR);
  return {
    port: e.TTTB_PORT,
    host: e.TTTB_HOST,
    databaseUrl: e.TTTB_DATABASE_URL ?? `file:${path.join(dataDir, 'tttb.db')}`,
    dataDir,
    logLevel: e.TTTB_LOG_LEVEL,
    demo: { lines: e.TTTB_DEMO_LINES, seed: e.TTTB_DEMO_SEED },
    testDatabaseUrl: e.TTTB_TEST_DATABASE_URL,
    roadmapIntervalMs: e.TTTB_ROADMAP_INTERVAL_SECONDS * 1000,
    reconcileIntervalMs: Math.round(e.TTTB_RECONCILE_INTERVAL_HOURS * 3_600_000),
    nationalId: e.TTTB_NID_URL ? { url: e.TTTB_NID_URL, token: e.TTTB_NID_TOKEN } : { simulator: true },
  };
}
