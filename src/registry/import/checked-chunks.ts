/**
 * A subscriber file's rows checked and gathered into the chunks the import commits: valid lines
 * and row reports, each chunk with the last data row it covers. The same generator runs in the
 * import's thread for a small file and in a worker thread for a large one (row-check.worker.ts).
 */
import { layoutColumns, type ColumnLayout } from './subscriber-columns.ts';
import { standardRowReferences } from './subscriber-import.dependencies.ts';
import type { StagedChunk } from './subscriber-import.repository.ts';
import { SubscriberRowChecker } from './subscriber-row.ts';
import { columnAt } from './table-columns.ts';
import type { OpenedTable } from './table-file.ts';

/** A chunk as it is committed, with how far into the file reading has come. */
export interface CheckedChunk extends StagedChunk {
  bytesRead: number;
}

/** What to read of a file: from after which data row, in chunks of how many, checked as of when (ISO). */
export interface RowCheckJob {
  path: string;
  asOf: string;
  afterRow: number;
  rowsPerChunk: number;
}

/** The chunks of an opened file, its rows checked against standardRowReferences() as of `job.asOf`. */
export function checkedFileChunks(table: OpenedTable, job: RowCheckJob): AsyncGenerator<CheckedChunk> {
  const layout = layoutColumns(table.header);
  const checker = new SubscriberRowChecker(layout, { ...standardRowReferences(), asOf: new Date(job.asOf) });
  return checkedChunks(table, layout, checker, job.afterRow, job.rowsPerChunk);
}

/**
 * The rows after data row `afterRow`, `rowsPerChunk` at a time. At least one chunk comes, empty
 * when nothing follows `afterRow`, so the run's cursor is committed even then.
 */
async function* checkedChunks(
  table: OpenedTable,
  layout: ColumnLayout,
  checker: SubscriberRowChecker,
  afterRow: number,
  rowsPerChunk: number,
): AsyncGenerator<CheckedChunk> {
  let chunk: StagedChunk = { lines: [], problems: [], lastRow: afterRow };
  let inChunk = 0;
  let yielded = false;
  for await (const item of table.rows()) {
    const row = item.kind === 'row' ? item.row.row : item.problem.row;
    if (row <= afterRow) continue;
    if (item.kind === 'broken') {
      chunk.problems.push({ row, msisdn: null, problem: { column: null, severity: 'error', code: item.problem.code, message: item.problem.message } });
    } else {
      const cellProblems = item.row.problems.map((p) => ({
        row,
        msisdn: null,
        problem: { column: columnAt(layout, p.column), severity: 'error' as const, code: p.code, message: p.message },
      }));
      const check = checker.check(item.row.values);
      if (check.line && cellProblems.length === 0) {
        chunk.lines.push({ row, line: check.line });
        for (const warning of check.warnings) chunk.problems.push({ row, msisdn: check.line.msisdn, problem: warning });
      } else {
        const msisdn = check.line ? check.line.msisdn : check.msisdn;
        const problems = check.line ? check.warnings : check.problems;
        chunk.problems.push(...cellProblems.map((p) => ({ ...p, msisdn })), ...problems.map((problem) => ({ row, msisdn, problem })));
      }
    }
    chunk.lastRow = row;
    if (++inChunk >= rowsPerChunk) {
      yield { ...chunk, bytesRead: table.progress().bytesRead };
      yielded = true;
      chunk = { lines: [], problems: [], lastRow: row };
      inChunk = 0;
    }
  }
  if (inChunk > 0 || !yielded) yield { ...chunk, bytesRead: table.progress().bytesRead };
}
