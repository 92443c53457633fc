import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { createRecordBuffer, type SelfCheckRecord } from './selfcheck.records.ts';

const record = (msisdn: string, extra: Partial<SelfCheckRecord> = {}): SelfCheckRecord => ({
  at: '2026-05-10T03:00:00.000Z',
  day: '2026-05-10',
  channel: 'web',
  msisdn,
  carrier: 'viettel',
  request_kind: 'owner',
  outcome: 'not_registered',
  subscriber_id: null,
  commune_code: null,
  detail: null,
  ...extra,
});

describeEachDatabase('self-check record buffer', ({ db }) => {
  const count = async (msisdn: string) =>
    Number((await db().kysely.selectFrom('self_checks').select((eb) => eb.fn.countAll().as('n')).where('msisdn', '=', msisdn).executeTakeFirstOrThrow()).n);

  it('writes a batch as soon as it is full, in one go', async () => {
    const buffer = createRecordBuffer(db(), { flushMs: 60_000, maxRows: 3, onError: () => undefined });
    buffer.add(record('0960000001'));
    buffer.add(record('0960000001'));
    expect(await count('0960000001')).toBe(0);
    buffer.add(record('0960000001'));
    await buffer.flush();
    expect(await count('0960000001')).toBe(3);
    await buffer.close();
  });

  it('writes a partial batch after the flush interval, and what is left on close', async () => {
    const buffer = createRecordBuffer(db(), { flushMs: 10, maxRows: 100, onError: () => undefined });
    buffer.add(record('0960000002'));
    await vi.waitFor(async () => expect(await count('0960000002')).toBe(1), { timeout: 2000, interval: 10 });
    buffer.add(record('0960000002'));
    await buffer.close();
    expect(await count('0960000002')).toBe(2);
  });

  it('retries a failed batch once with the next, then drops it so it cannot block later records', async () => {
    const errors: { retrying: number; dropped: number }[] = [];
    const buffer = createRecordBuffer(db(), { flushMs: 60_000, maxRows: 100, onError: (_e, records) => errors.push(records) });
    buffer.add(record('0960000003', { subscriber_id: 999_999_999 })); // no such line: the foreign key refuses it
    await buffer.flush();
    buffer.add(record('0960000004'));
    await buffer.flush();
    expect(errors).toEqual([
      { retrying: 1, dropped: 0 },
      { retrying: 0, dropped: 1 },
    ]);
    expect(await count('0960000004')).toBe(1);
    await buffer.close();
  });
});
