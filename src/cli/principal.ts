import os from 'node:os';
import type { Principal } from '../domain/index.ts';

/**
 * Who runs a command: the operating system's user, as the audit log names them (`cli:<user>`).
 * A command holds the database itself, so it reaches the whole province; it is no account (id 0).
 */
export function cliPrincipal(): Principal {
  const user = osUser();
  return { kind: 'user', id: 0, actor: `cli:${user}`, displayName: user, role: 'province_admin', scope: 'province' };
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // A user id without a name (a container's arbitrary uid) is still someone to name.
    return `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}
