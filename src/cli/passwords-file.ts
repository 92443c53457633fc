/**
 * The one-time passwords of an import, as a CSV for the admin to hand out: UTF-8 with a BOM (so
 * Excel shows the Vietnamese names right), readable by its owner only, and never written over an
 * existing file. It is opened before any account is made: a place that cannot be written stops
 * the import before it creates accounts whose passwords would be lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS, type ImportedUser } from '../access/index.ts';
import { AppError } from '../errors.ts';

/** `<data dir>/passwords-<UTC time>.csv`, e.g. passwords-20260428T031500Z.csv. */
export function defaultPasswordsFile(dataDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.resolve(dataDir, `passwords-${stamp}.csv`);
}

export interface ReservedFile {
  path: string;
  /** Writes the accounts and flushes them to the disk. */
  write(accounts: readonly ImportedUser[]): void;
  /** Removes the file: the import failed, its accounts were not made. */
  discard(): void;
}

/** Creates the file, empty and private. @throws AppError FILE_EXISTS, FILE_NOT_WRITABLE */
export function reservePasswordsFile(file: string): ReservedFile {
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('FILE_EXISTS', `${file} — chọn tên khác với --passwords-out`);
    throw new AppError('FILE_NOT_WRITABLE', `${file} (${code ?? String(error)})`);
  }
  let open = true;
  const close = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  return {
    path: file,
    write(accounts) {
      const columns = [IMPORT_COLUMNS.username.header, IMPORT_COLUMNS.displayName.header, IMPORT_COLUMNS.role.header, IMPORT_COLUMNS.scopes.header, 'Mật khẩu một lần'];
      const records = accounts.map(({ user, initialPassword }) => [user.username, user.displayName, user.roleName, user.scopes.map((s) => s.value).join(', '), initialPassword]);
      // escape_formulas: a name beginning with "=" must stay text when Excel opens the file.
      fs.writeSync(fd, stringify([columns, ...records], { bom: true, escape_formulas: true }));
      fs.fsyncSync(fd);
      close();
    },
    discard() {
      close();
      fs.rmSync(file, { force: true });
    },
  };
}
