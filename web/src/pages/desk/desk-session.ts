/**
 * Where the desk works — the place and the channel — kept for the browser tab's session
 * (sessionStorage), since a desk serves a queue of people from one place. Nothing about a person
 * is kept here.
 */
import type { VerificationChannel } from '../../../../src/domain/vocabulary.ts';

const STORAGE_KEY = 'tttb.desk';

export interface DeskWhere {
  place: string;
  channel: VerificationChannel | undefined;
}

/** The session's place and channel, when the channel is still one of `allowed`. */
export function readDeskWhere(allowed: readonly VerificationChannel[]): DeskWhere {
  let stored: Partial<DeskWhere> = {};
  try {
    stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<DeskWhere>;
  } catch {
    // Storage refused or unreadable: the desk starts empty.
  }
  const channel = stored.channel && allowed.includes(stored.channel) ? stored.channel : allowed.length === 1 ? allowed[0] : undefined;
  return { place: typeof stored.place === 'string' ? stored.place : '', channel };
}

export function keepDeskWhere(where: DeskWhere): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(where));
  } catch {
    // Not kept: the operator types the place again after a reload.
  }
}
