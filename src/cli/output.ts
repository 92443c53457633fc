import { ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { MigrationError } from '../db/migrate.ts';
import type { ImportProblem } from '../access/index.ts';

/** Prints one JSON object on a line: what every `tttb` command answers on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Exit codes: 0 done / valid, 1 checked and invalid or failed, 2 wrong usage or configuration. */
export const EXIT = { ok: 0, invalid: 1, failed: 1, usage: 2 } as const;

/**
 * Turns any failure into a clear one-line message on stderr and an exit code — never a bare
 * stack trace (`debug`, from TTTB_DEBUG=1, adds the stack).
 */
export function reportFailure(error: unknown, debug = false): number {
  if (error instanceof ConfigError) {
    process.stderr.write(error.message + '\n');
    return EXIT.usage;
  }
  if (error instanceof AppError) {
    process.stderr.write(`Lỗi [${error.code}]: ${error.message}\n${rowProblems(error)}`);
    return error.status < 500 ? EXIT.usage : EXIT.failed;
  }
  if (error instanceof MigrationError) {
    process.stderr.write(`Lỗi [MIGRATION_FAILED]: ${error.message}\n`);
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Lỗi [INTERNAL]: ${message}\n`);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}

/** A file's bad rows (an import), one line each under the error's own line, so all can be fixed at once. */
function rowProblems(error: AppError): string {
  const errors = error.extra?.['errors'];
  if (!Array.isArray(errors)) return '';
  return errors
    .filter((e): e is ImportProblem => typeof (e as { row?: unknown }).row === 'number')
    .map((e) => `  dòng ${e.row}, ô ${e.cell} (${e.column}): ${e.message}\n`)
    .join('');
}
