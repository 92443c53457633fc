/** A line's verification state and lock at a glance, the same in the search's list and on the line's page. */
import { Tag } from 'antd';
import type { LineView } from '../../hooks/lookup.ts';
import { useMessages } from '../../i18n/i18n.tsx';

const STATE_COLOURS = { unverified: 'orange', pending: 'blue', verified: 'green' } as const;
const LOCK_COLOURS = { none: 'default', one_way: 'gold', two_way: 'red', terminated: 'magenta' } as const;

export function StateTag({ line }: { line: LineView }) {
  const m = useMessages();
  return <Tag color={STATE_COLOURS[line.state.verification]}>{m.lookup.states[line.state.verification]}</Tag>;
}

export function LockTag({ line }: { line: LineView }) {
  const m = useMessages();
  // An order the carrier has not confirmed is shown as ordered: tttb never claims a lock the network has not applied.
  if (line.lock.state === 'ordered') return <Tag color="processing">{m.lookup.lockOrdered[line.lock.level]}</Tag>;
  return <Tag color={LOCK_COLOURS[line.lock.level]}>{m.lookup.locks[line.lock.level]}</Tag>;
}
