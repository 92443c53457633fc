/**
 * `tttb user import FILE.xlsx`: a sheet of officers (102 communes' at once) made into accounts, all
 * or none. Every row is checked first (each bad cell reported with its row, cell and column); only a
 * sheet without a problem is created, in one transaction (users.service.ts `createUsers`).
 */
import type { Database } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { allUsernames, communeCodes } from './access.repository.ts';
import { parseUserRows } from './users-import.rows.ts';
import { readFirstSheet } from './users-import.xlsx.ts';
import { createUsers, type ChangeContext, type CreatedUser } from './users.service.ts';

export interface ImportedUser extends CreatedUser {
  /** The sheet's row the account came from. */
  row: number;
}

/**
 * @throws AppError IMPORT_FILE_INVALID (not a readable sheet of accounts), IMPORT_ROWS_INVALID
 * (`errors`: every problem as `{row, cell, column, message}`; nothing created)
 */
export async function importUsers(
  db: Database,
  file: string,
  context: ChangeContext,
  options: { beforeCommit?: (imported: readonly ImportedUser[]) => void | Promise<void> } = {},
): Promise<ImportedUser[]> {
  const sheet = await readFirstSheet(file);
  const { users, problems } = parseUserRows(sheet, { communes: await communeCodes(db.kysely), takenUsernames: await allUsernames(db.kysely) });
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.row)).size;
    throw new AppError('IMPORT_ROWS_INVALID', `${problems.length} lỗi ở ${rows} dòng`, { errors: problems });
  }
  const withRows = (created: readonly CreatedUser[]) => created.map((account, i) => ({ row: users[i]!.row, ...account }));
  const created = await createUsers(
    db,
    users.map((u) => u.user),
    context,
    { beforeCommit: options.beforeCommit && ((made) => options.beforeCommit!(withRows(made))) },
  );
  return withRows(created);
}
