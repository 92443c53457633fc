/**
 * Imports as people and machines reach them: who may load a carrier's file (the Department for
 * any carrier, a carrier's operator or system for its own), the import history, one run with its
 * row report. A run outside the caller's scope is "not found", as a line is.
 */
import { isCarrier, type Carrier, type Principal } from '../../domain/index.ts';
import type { Database } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import type { ReportRow } from './import-workbooks.ts';
import { getRun, listProblems, listRuns, problemsInRows, type ImportRun } from './subscriber-import.repository.ts';

/** The carrier a principal loads files for: its own, or the one a Department user names. */
export function carrierToLoad(principal: Principal, asked: string | undefined): Carrier {
  const own = ownCarrier(principal);
  if (own === null) {
    if (asked === undefined || !isCarrier(asked)) throw new AppError('VALIDATION_FAILED', 'Cần chọn nhà mạng của tệp (carrier).');
    return asked;
  }
  if (asked !== undefined && asked !== own) throw new AppError('FORBIDDEN', 'Tài khoản này chỉ nạp tệp của nhà mạng mình.');
  return own;
}

/** The carrier a carrier-scoped principal belongs to; null for the province's reach. */
function ownCarrier(principal: Principal): Carrier | null {
  if (principal.scope === 'province') return null;
  const entry = principal.scope.find((e) => e.kind === 'carrier');
  if (!entry || !isCarrier(entry.value)) throw new AppError('FORBIDDEN', 'Tài khoản không gắn với nhà mạng nào.');
  return entry.value;
}

/** The import history the principal may see, newest first. */
export async function listImports(db: Database, principal: Principal, limit: number): Promise<ImportRun[]> {
  return listRuns(db, { carrier: ownCarrier(principal), limit });
}

/** One run and the first problems of its row report. @throws AppError NOT_FOUND */
export async function getImport(db: Database, principal: Principal, id: number, problemLimit: number) {
  const run = await runInScope(db, principal, id);
  return { run, problems: await listProblems(db, run.id, problemLimit) };
}

/** Every problem of a run, in pages of rows, for the xlsx report. @throws AppError NOT_FOUND */
export async function reportOf(db: Database, principal: Principal, id: number): Promise<{ run: ImportRun; pages: AsyncIterable<readonly ReportRow[]> }> {
  const run = await runInScope(db, principal, id);
  return { run, pages: problemsInRows(db, run.id) };
}

async function runInScope(db: Database, principal: Principal, id: number): Promise<ImportRun> {
  const run = await getRun(db, id);
  const own = ownCarrier(principal);
  if (!run || (own !== null && run.carrier !== own)) throw new AppError('NOT_FOUND', 'Không tìm thấy lần nạp tệp này.');
  return run;
}
