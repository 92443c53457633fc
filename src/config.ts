/**
 * Environment → validated configuration, parsed once at start. Nothing else reads `process.env`
 * for settings: every module receives what it needs from the object built here.
 */
import path from 'node:path';
import { z } from 'zod';
import { CARRIERS } from './domain/reference-data.ts';

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

const booleanFlag = z.enum(['true', 'false', '1', '0'], { error: 'cần true hoặc false (expected true or false)' }).transform((v) => v === 'true' || v === '1');

/** One carrier's SMSC as the service binds to it (transceiver). */
const smscLink = z.object({
  carrier: z.enum(CARRIERS),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(2775),
  systemId: z.string().min(1).max(15),
  password: z.string().min(1).max(8),
  systemType: z.string().max(12).default(''),
  /** Submits sent and not yet answered (the SMPP window). */
  windowSize: z.number().int().min(1).max(1000).default(10),
});
export type SmscLink = z.infer<typeof smscLink>;

const smscList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'cần một mảng JSON (expected a JSON array of SMSC links)' });
      return z.NEVER;
    }
  })
  .pipe(z.array(smscLink).min(1, { error: 'cần ít nhất một SMSC (expected at least one SMSC link)' }));

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
  TTTB_DEBUG: booleanFlag.default(false),
  TTTB_SMSC: smscList.optional(),
  TTTB_SMSC_SIMULATOR_PORT: z.coerce
    .number({ error: 'cần số cổng 0–65535 (expected a port 0–65535; 0 = any free port)' })
    .int()
    .min(0)
    .max(65535)
    .default(2775),
  TTTB_SMS_SHORT_CODE: z.string().regex(/^\d{3,6}$/, { error: 'cần 3–6 chữ số (expected 3–6 digits)' }).default('1414'),
  TTTB_SELFCHECK_UNMASK: booleanFlag.default(false),
  TTTB_SELFCHECK_MASK_DOCUMENT: booleanFlag.default(false),
  TTTB_SELFCHECK_OTP_PER_LINE_PER_HOUR: positiveInt('OTP messages per line per hour').default(20),
  TTTB_SELFCHECK_OTP_PER_CLIENT_PER_HOUR: positiveInt('OTP messages per line and client address per hour').default(3),
  TTTB_SELFCHECK_OTP_SPACING_SECONDS: positiveInt('seconds between two OTP messages to a line').default(30),
  TTTB_SELFCHECK_OTP_MAX_SPACING_SECONDS: positiveInt('longest spacing between two OTP messages to a line').default(300),
  TTTB_SELFCHECK_REQUESTS_PER_CLIENT_PER_MINUTE: positiveInt('requests per client address per minute').default(60),
  TTTB_SELFCHECK_SESSION_SECRET: z.string().min(32, { error: 'cần ít nhất 32 ký tự (expected at least 32 characters)' }).optional(),
  // The defaults of verification.settings.ts (config.test.ts holds them equal).
  TTTB_VERIFICATION_ATTEMPTS_PER_LINE_PER_HOUR: positiveInt('verification attempts per line per hour').default(10),
  TTTB_VERIFICATION_ATTEMPTS_PER_LINE_PER_DAY: positiveInt('verification attempts per line per day').default(30),
  TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_MINUTE: positiveInt('verification attempts per client address per minute').default(30),
  TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_HOUR: positiveInt('verification attempts per client address per hour').default(600),
  TTTB_VERIFICATION_FACE_FAILURES_BEFORE_IN_PERSON_ONLY: positiveInt('face failures in a row before a line verifies in person only').default(5),
  // The defaults of access.settings.ts (config.test.ts holds them equal).
  TTTB_SESSION_IDLE_MINUTES: positiveInt('minutes a session may stay unused').default(30),
  TTTB_SESSION_ABSOLUTE_HOURS: positiveInt('hours a session lasts at most').default(12),
  TTTB_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/,\s]+)$/, { error: 'cần true, false, số tầng proxy hoặc danh sách địa chỉ/CIDR (expected true, false, a hop count or addresses/CIDRs)' })
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
    .default(false),
  TTTB_TLS_CERT: z.string().min(1).optional(),
  TTTB_TLS_KEY: z.string().min(1).optional(),
})
  .superRefine((e, ctx) => {
    // One without the other would serve plain http while the operator believes it is https.
    for (const [given, missing] of [['TTTB_TLS_CERT', 'TTTB_TLS_KEY'], ['TTTB_TLS_KEY', 'TTTB_TLS_CERT']] as const) {
      if (e[given] !== undefined && e[missing] === undefined) {
        ctx.addIssue({ code: 'custom', path: [missing], message: `cần cùng với ${given}: tệp PEM (required with ${given}: a PEM file)` });
      }
    }
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
  /** CLI: print the stack of an unexpected error. */
  debug: boolean;
  sms: {
    /** The short code citizens text (1414); also the sender of replies and notices. */
    shortCode: string;
    /** The carriers' SMSCs, or the built-in SMSC simulator (demo) on a local port. */
    smsc: { links: SmscLink[] } | { simulator: { port: number } };
  };
  selfCheck: {
    /** Show full phone numbers in self-check answers (carriers' practice is unknown: masked by default). */
    unmask: boolean;
    /** Mask the owner's document number in the `TTTB` reply (shown in full by default: it goes only to the line). */
    maskDocument: boolean;
    /** One-time codes: a ceiling per number, a limit per (number, client), a spacing doubling to a maximum. */
    otpPerLinePerHour: number;
    otpPerClientPerHour: number;
    otpSpacingSeconds: number;
    otpMaxSpacingSeconds: number;
    requestsPerClientPerMinute: number;
    /** Key of the web session tokens, shared by every instance; unset: random per start (one instance). */
    sessionSecret: string | undefined;
  };
  /** Sessions' idle and absolute timeouts (src/access). */
  access: { sessionIdleMinutes: number; sessionAbsoluteHours: number };
  /**
   * Fastify's `trustProxy`: behind a TLS proxy, which hops' X-Forwarded-For / -Proto to believe, so
   * client addresses (limits, audit) and https (the Secure cookie) are the real ones.
   */
  trustProxy: boolean | number | string;
  /** Serve https with this certificate chain and private key (PEM files), or null: http (behind a TLS proxy, or on localhost). */
  tls: { certFile: string; keyFile: string } | null;
  /** Verification attempts: limits per line (unattended channels and desks apart) and per client address. */
  verification: {
    attemptsPerLinePerHour: number;
    attemptsPerLinePerDay: number;
    attemptsPerClientPerMinute: number;
    attemptsPerClientPerHour: number;
    /** Face failures in a row after which a line's face step is open only at a desk. */
    faceFailuresBeforeInPersonOnly: number;
  };
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

/** Variables that hold passwords or tokens: an error names them but never echoes their value. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['TTTB_SMSC', 'TTTB_NID_TOKEN', 'TTTB_SELFCHECK_SESSION_SECRET']);

/** Parses the environment once; throws {@link ConfigError} naming each invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `TTTB_PORT= npm start` should mean "default", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('TTTB_') && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        // Inside a JSON variable, say which entry and field: "[0].password: …".
        const where = issue.path.slice(1).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
        const message = where ? `${where.replace(/^\./, '')}: ${issue.message}` : issue.message;
        return { variable, message, value: SECRET_VARIABLES.has(variable) ? '«ẩn / hidden»' : present[variable] };
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
    debug: e.TTTB_DEBUG,
    sms: {
      shortCode: e.TTTB_SMS_SHORT_CODE,
      smsc: e.TTTB_SMSC ? { links: e.TTTB_SMSC } : { simulator: { port: e.TTTB_SMSC_SIMULATOR_PORT } },
    },
    selfCheck: {
      unmask: e.TTTB_SELFCHECK_UNMASK,
      maskDocument: e.TTTB_SELFCHECK_MASK_DOCUMENT,
      otpPerLinePerHour: e.TTTB_SELFCHECK_OTP_PER_LINE_PER_HOUR,
      otpPerClientPerHour: e.TTTB_SELFCHECK_OTP_PER_CLIENT_PER_HOUR,
      otpSpacingSeconds: e.TTTB_SELFCHECK_OTP_SPACING_SECONDS,
      otpMaxSpacingSeconds: e.TTTB_SELFCHECK_OTP_MAX_SPACING_SECONDS,
      requestsPerClientPerMinute: e.TTTB_SELFCHECK_REQUESTS_PER_CLIENT_PER_MINUTE,
      sessionSecret: e.TTTB_SELFCHECK_SESSION_SECRET,
    },
    access: { sessionIdleMinutes: e.TTTB_SESSION_IDLE_MINUTES, sessionAbsoluteHours: e.TTTB_SESSION_ABSOLUTE_HOURS },
    trustProxy: e.TTTB_TRUST_PROXY,
    tls: e.TTTB_TLS_CERT && e.TTTB_TLS_KEY ? { certFile: path.resolve(e.TTTB_TLS_CERT), keyFile: path.resolve(e.TTTB_TLS_KEY) } : null,
    verification: {
      attemptsPerLinePerHour: e.TTTB_VERIFICATION_ATTEMPTS_PER_LINE_PER_HOUR,
      attemptsPerLinePerDay: e.TTTB_VERIFICATION_ATTEMPTS_PER_LINE_PER_DAY,
      attemptsPerClientPerMinute: e.TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_MINUTE,
      attemptsPerClientPerHour: e.TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_HOUR,
      faceFailuresBeforeInPersonOnly: e.TTTB_VERIFICATION_FACE_FAILURES_BEFORE_IN_PERSON_ONLY,
    },
  };
}
