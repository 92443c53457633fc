import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { listNoticesOf, queueNotice, queueNotices, type NewNotice } from './notices.repository.ts';

const T0 = '2026-05-01T03:00:00.000Z';

describeEachDatabase('notice outbox: many at once', ({ db }) => {
  let subscriberId = 0;
  beforeAll(async () => {
    await seedReferenceData(db());
    const row = await db().kysely.insertInto('subscribers').values(testLine({ msisdn: '0962000001' })).returning('id').executeTakeFirstOrThrow();
    subscriberId = row.id;
  });
  const notice = (key: string, text = `text ${key}`): NewNotice => ({
    subscriberId,
    msisdn: '0962000001',
    kind: 'roadmap.reminder',
    idempotencyKey: key,
    text,
    createdAt: T0,
    notBefore: T0,
  });

  it('queues every new key, across statements, and counts what it added', async () => {
    // One more than a statement holds, so the last notice goes in a second insert.
    const many = Array.from({ length: 4_001 }, (_, i) => notice(`bulk:${i}`));
    expect(await db().kysely.transaction().execute((trx) => queueNotices(trx, many))).toBe(4_001);
    const rows = await listNoticesOf(db().kysely, subscriberId);
    expect(rows).toHaveLength(4_001);
    expect(rows[4_000]).toMatchObject({ idempotency_key: 'bulk:4000', text: 'text bulk:4000', status: 'queued', not_before: T0 });
  });

  it('skips keys already in the outbox or repeated in the call, keeping the first text', async () => {
    expect(await queueNotice(db().kysely, notice('mixed:1', 'first'))).toBe(true);
    const added = await queueNotices(db().kysely, [notice('mixed:1', 'again'), notice('mixed:2', 'first'), notice('mixed:2', 'again')]);
    expect(added).toBe(1);
    const rows = await db()
      .kysely.selectFrom('notices')
      .select(['idempotency_key', 'text'])
      .where('idempotency_key', 'like', 'mixed:%')
      .orderBy('idempotency_key')
      .execute();
    expect(rows).toEqual([
      { idempotency_key: 'mixed:1', text: 'first' },
      { idempotency_key: 'mixed:2', text: 'first' },
    ]);
    expect(await queueNotices(db().kysely, [])).toBe(0);
  });
});
