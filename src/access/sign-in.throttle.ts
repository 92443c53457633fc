/**
 * The growing delay after failed sign-ins (SIGN_IN_DELAYS): which counts an attempt touches, and
 * how long it must still wait. Pure; the counts live in `sign_in_failures`.
 */
import { SIGN_IN_DELAYS } from './access.settings.ts';

export type DelayKind = keyof typeof SIGN_IN_DELAYS;

export function failureKeys(username: string, client: string): Record<DelayKind, string> {
  const account = username.trim().toLowerCase();
  return { pair: `pair:${account}|${client}`, account: `account:${account}`, client: `client:${client}` };
}

/** Seconds to wait after `failures` failures of this kind (0: no wait). */
export function delaySeconds(kind: DelayKind, failures: number): number {
  const { free, ceilingSeconds } = SIGN_IN_DELAYS[kind];
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free), ceilingSeconds);
}

/** Whole seconds still to wait at `now`, the longest over the counts given. */
export function waitLeft(counts: readonly { kind: DelayKind; failures: number; lastFailureAt: Date }[], now: Date): number {
  let wait = 0;
  for (const count of counts) {
    const until = count.lastFailureAt.getTime() + delaySeconds(count.kind, count.failures) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}
