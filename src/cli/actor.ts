/**
 * Who the CLI acts as. It runs on the server beside the database, so it acts with the province's
 * authority; audit rows name the operating-system account that ran it.
 */
import os from 'node:os';
import type { ChangeContext } from '../access/index.ts';
import type { CommandContext } from './database.ts';

/** `cli:<OS user>` (`cli:uid-1000` where the account has no name, as in some containers). */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** A change made by this command, now by the database's clock. */
export function cliChange({ deployment }: CommandContext): ChangeContext {
  return { actor: cliActor(), now: deployment.clock.now() };
}
