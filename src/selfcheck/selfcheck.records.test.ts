import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { createRecordBatcher, type SelfCheckRecord } from './selfcheck.records.ts';

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

describeEachDatabase('self-check record group commit', ({ db }) => {
  const count = async (msisdn: string) =>
    Number((await db().kysely.selectFrom('self_checks').select((eb) => eb.fn.countAll().as('n')).where('msisdn', '=', msisdn).executeTakeFirstOrThrow()).n);

  it('resolves a request only once its record is stored, one insert for those that came together', async () => {
    const batcher = createRecordBatcher(db(), { maxRows: 100 });
    const pending = [batcher.add(record('0960000001')), batcher.add(record('0960000001')), batcher.add(record('0960000001'))];
    expect(await count('0960000001')).toBe(0);
    await Promise.all(pending);
    expect(await count('0960000001')).toBe(3);
    await batcher.close();
  });

  it('writes a full batch at once and starts a new one', async () => {
    const batcher = createRecordBatcher(db(), { maxRows: 2 });
    const first = [batcher.add(record('0960000002')), batcher.add(record('0960000002'))];
    const third = batcher.add(record('0960000002'));
    await Promise.all(first);
    await third;
    expect(await count('0960000002')).toBe(3);
    await batcher.close();
  });

  it('fails every request of a batch that cannot be written, and goes on with the next', async () => {
    const batcher = createRecordBatcher(db(), { maxRows: 100 });
    const refused = batcher.add(record('0960000003', { subscriber_id: 999_999_999 })); // no such line: the foreign key refuses it
    const sameBatch = batcher.add(record('0960000003'));
    await expect(refused).rejects.toThrow();
    await expect(sameBatch).rejects.toThrow();
    await batcher.add(record('0960000004'));
    expect(await count('0960000003')).toBe(0);
    expect(await count('0960000004')).toBe(1);
    await batcher.close();
  });
});
