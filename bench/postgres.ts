/**
 * The PostgreSQL side of a benchmark: the server named by `--postgres URL` (or TTTB_TEST_DATABASE_URL),
 * and a database of the benchmark's own on it, created empty and dropped afterwards.
 */
import pg from 'pg';

/** The server to measure PostgreSQL on, if any. */
export function postgresArg(args: string[]): string | undefined {
  const at = args.indexOf('--postgres');
  return at >= 0 ? args[at + 1] : process.env['TTTB_TEST_DATABASE_URL'];
}

/** Runs `fn` with the URL of a new, empty database on the server of `base`, dropped afterwards. */
export async function withFreshPostgres<T>(base: string, label: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `tttb_bench_${label}_${process.pid}`;
  await onServer(base, `drop database if exists ${name}`, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await onServer(base, `drop database if exists ${name} with (force)`);
  }
}

async function onServer(base: string, ...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}
