import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { setLockLevels } from './roadmap.repository.ts';
import { insertLine, lineState } from './roadmap.testing.ts';

const T0 = '2026-05-01T03:00:00.000Z';
const T1 = '2026-05-02T04:30:00.000Z';

describeEachDatabase('roadmap: set-based lock writes', ({ db }) => {
  const ids = { mismatch: 0, device: 0, verified: 0, alreadyLocked: 0 };
  beforeAll(async () => {
    await seedReferenceData(db());
    ids.mismatch = await insertLine(db());
    ids.device = await insertLine(db());
    ids.verified = await insertLine(db(), { verification_state: 'verified', verified_at: T0 });
    ids.alreadyLocked = await insertLine(db(), { lock_level: 'one_way', lock_reason: 'fraud', locked_at: T0 });
  });

  it('gives each line its own reason and instant, and leaves verified or moved lines alone', async () => {
    const moved = await db().kysely.transaction().execute((trx) =>
      setLockLevels(trx, db().dialect, {
        from: 'none',
        to: 'one_way',
        updatedAt: T1,
        lines: [
          { id: ids.mismatch, lockReason: 'campaign_mismatch', lockedAt: T0 },
          { id: ids.device, lockReason: 'campaign_device_change', lockedAt: T1 },
          { id: ids.verified, lockReason: 'campaign_mismatch', lockedAt: T0 },
          { id: ids.alreadyLocked, lockReason: 'campaign_mismatch', lockedAt: T0 },
        ],
      }),
    );
    expect(moved.sort((a, b) => a - b)).toEqual([ids.mismatch, ids.device].sort((a, b) => a - b));
    expect(await lineState(db(), ids.mismatch)).toMatchObject({ lock_level: 'one_way', lock_reason: 'campaign_mismatch', locked_at: T0 });
    expect(await lineState(db(), ids.device)).toMatchObject({ lock_level: 'one_way', lock_reason: 'campaign_device_change', locked_at: T1 });
    expect(await lineState(db(), ids.verified)).toMatchObject({ lock_level: 'none', lock_reason: null, locked_at: null });
    expect(await lineState(db(), ids.alreadyLocked)).toMatchObject({ lock_level: 'one_way', lock_reason: 'fraud', locked_at: T0 });
  });

  it('moves nothing a second time, and nothing for no lines', async () => {
    const again = { from: 'none' as const, to: 'one_way' as const, updatedAt: T1 };
    expect(await setLockLevels(db().kysely, db().dialect, { ...again, lines: [{ id: ids.mismatch, lockReason: 'x', lockedAt: T1 }] })).toEqual([]);
    expect(await setLockLevels(db().kysely, db().dialect, { ...again, lines: [] })).toEqual([]);
    expect(await lineState(db(), ids.mismatch)).toMatchObject({ lock_reason: 'campaign_mismatch', locked_at: T0 });
  });
});
