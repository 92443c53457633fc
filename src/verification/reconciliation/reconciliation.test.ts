import { expect, it } from 'vitest';
import type { Database } from '../../db/open.ts';
import type { MismatchKind } from '../../db/schema.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { generateDemo, LINE_PROBLEMS } from '../../demo/index.ts';
import { createSimulatorNationalIdService, type NationalIdService } from '../national-id/index.ts';
import { countTargetGroups } from '../target-groups/index.ts';
import { MISMATCH_KINDS, runReconciliation, type MismatchCounts } from './index.ts';

const LINES = 3_000;
const SEED = 11;
const BATCH = 400;
const NOW = new Date('2026-05-02T03:00:00.000Z');
const clock = () => NOW;

/** Problems reconciliation cannot see in the data (a SIM farm's lines carry true identities). */
const NOT_A_DATA_MISMATCH = new Set<string>(['sim_farm']);

/** The counts reconciliation must find: exactly the problems the generator planted. */
async function expectedCounts(db: Database): Promise<MismatchCounts> {
  const planted = await db.kysely
    .selectFrom('demo_planted')
    .innerJoin('subscribers', 'subscribers.msisdn', 'demo_planted.msisdn')
    .select(['problem', (eb) => eb.fn.countAll<number>().as('n')])
    .where('subscribers.holder_kind', '=', 'citizen')
    .groupBy('problem')
    .execute();
  const citizens = await db.kysely
    .selectFrom('subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holder_kind', '=', 'citizen')
    .executeTakeFirstOrThrow();
  const counts = Object.fromEntries(MISMATCH_KINDS.map((k) => [k, 0])) as MismatchCounts;
  let mismatched = 0;
  for (const { problem, n } of planted) {
    if (NOT_A_DATA_MISMATCH.has(problem)) continue;
    counts[problem as MismatchKind] = Number(n);
    mismatched += Number(n);
  }
  counts.ok = Number(citizens.n) - mismatched;
  return counts;
}

/** Everything reconciliation writes about the lines. */
async function snapshot(db: Database) {
  const results = await db.kysely.selectFrom('reconciliation_results').selectAll().orderBy('subscriber_id').execute();
  const memberships = await db.kysely.selectFrom('target_memberships').selectAll().orderBy('id').execute();
  const events = await db.kysely.selectFrom('subscriber_events').selectAll().orderBy('id').execute();
  const lines = await db.kysely
    .selectFrom('subscribers')
    .select(['id', 'verification_state', 'verification_required_since', 'verification_required_reason', 'updated_at'])
    .orderBy('id')
    .execute();
  return { results, memberships, events, lines };
}

/** A service that answers `healthyBatches` batch calls, then is unavailable. */
function failingAfter(service: NationalIdService, healthyBatches: number): NationalIdService {
  let calls = 0;
  return {
    verify: (request) => service.verify(request),
    verifyBatch: (records) =>
      calls++ < healthyBatches ? service.verifyBatch(records) : Promise.resolve({ status: 'unavailable', reason: 'timeout' }),
  };
}

describeEachDatabase('reconciliation: a full run', ({ db }) => {
  let expected: MismatchCounts;

  it('finds exactly the planted problems', async () => {
    await generateDemo(db(), { lines: LINES, seed: SEED });
    expected = await expectedCounts(db());
    for (const problem of LINE_PROBLEMS) if (!NOT_A_DATA_MISMATCH.has(problem)) expect(expected[problem as MismatchKind]).toBeGreaterThan(0);

    const progress: number[] = [];
    const report = await runReconciliation(db(), createSimulatorNationalIdService(db()), {
      batchSize: BATCH,
      now: clock,
      onProgress: (done) => progress.push(done),
    });
    expect(report.finished).toBe(true);
    expect(report.counts).toEqual(expected);
    expect(report.checked).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(progress.at(-1)).toBe(report.checked);

    const mismatches = report.checked - expected.ok;
    expect(report.entered).toEqual({ cmnd9: expected.cmnd9, mismatch: mismatches });
    // Planted lines were never verified: each one's verification became required, with one event.
    expect(report.requirementsStarted).toBe(mismatches);
    const events = await db().kysely.selectFrom('subscriber_events').select('reason').where('kind', '=', 'verification_required').execute();
    expect(events).toHaveLength(mismatches);

    // The groups reconciliation fills (the demo's carriers' notices, group 2, came with the demo).
    const byGroup = (await countTargetGroups(db(), { by: ['group'] })).filter((g) => g.group !== 'carrier_notice');
    expect(byGroup).toEqual([
      { group: 'cmnd9', members: expected.cmnd9, open: expected.cmnd9 },
      { group: 'mismatch', members: mismatches, open: mismatches },
    ]);
  });

  it('records field-level results and details', async () => {
    const rows = await db()
      .kysely.selectFrom('reconciliation_results')
      .select(['mismatch_kind', 'name_result', 'name_detail', 'birth_date_result', 'birth_date_detail', 'document_result', 'deceased'])
      .where('mismatch_kind', 'in', ['name_no_diacritics', 'birth_date_swapped', 'cmnd9', 'deceased'])
      .execute();
    for (const row of rows) {
      if (row.mismatch_kind === 'name_no_diacritics') expect(row).toMatchObject({ name_result: 'no_match', name_detail: 'diacritics_missing' });
      if (row.mismatch_kind === 'birth_date_swapped') expect(row).toMatchObject({ birth_date_result: 'no_match', birth_date_detail: 'day_month_swapped' });
      if (row.mismatch_kind === 'cmnd9') expect(row.document_result).toBe('no_match');
      if (row.mismatch_kind === 'deceased') expect(row.deceased).toBe(1);
    }
    expect(new Set(rows.map((r) => r.mismatch_kind)).size).toBe(4);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot(db());
    const report = await runReconciliation(db(), createSimulatorNationalIdService(db()), {
      batchSize: BATCH,
      now: () => new Date(NOW.getTime() + 86_400_000),
    });
    expect(report).toMatchObject({ finished: true, resumed: false, counts: expected, entered: { cmnd9: 0, mismatch: 0 }, requirementsStarted: 0 });
    expect(await snapshot(db())).toEqual(before);
  });

  it('records a changed finding when a carrier corrects a line', async () => {
    const planted = await db()
      .kysely.selectFrom('demo_planted')
      .innerJoin('subscribers', 'subscribers.msisdn', 'demo_planted.msisdn')
      .select(['subscribers.id', 'demo_planted.details'])
      .where('problem', '=', 'name_typo')
      .executeTakeFirstOrThrow();
    const { trueName } = JSON.parse(planted.details ?? '{}') as { trueName: string };
    await db().kysely.updateTable('subscribers').set({ full_name: trueName }).where('id', '=', planted.id).execute();
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    const report = await runReconciliation(db(), createSimulatorNationalIdService(db()), { batchSize: BATCH, now: () => later });
    expect(report.counts).toEqual({ ...expected, name_typo: expected.name_typo - 1, ok: expected.ok + 1 });
    const result = await db().kysely.selectFrom('reconciliation_results').selectAll().where('subscriber_id', '=', planted.id).executeTakeFirstOrThrow();
    expect(result).toMatchObject({ mismatch_kind: 'ok', name_result: 'match', run_id: report.runId, found_at: later.toISOString() });
    // The mismatch found earlier stays on record until the line is verified.
    const membership = await db().kysely.selectFrom('target_memberships').selectAll().where('subscriber_id', '=', planted.id).execute();
    expect(membership).toMatchObject([{ target_group: 'mismatch', detail: 'name_typo', ended_at: null }]);
  });
});

describeEachDatabase('reconciliation: interrupted and resumed', ({ db }) => {
  it('writes nothing while the national service is unavailable', async () => {
    await generateDemo(db(), { lines: LINES, seed: SEED });
    const before = await snapshot(db());
    const report = await runReconciliation(db(), failingAfter(createSimulatorNationalIdService(db()), 0), { batchSize: BATCH, now: clock });
    expect(report).toMatchObject({ finished: false, checked: 0, unavailable: 'timeout', entered: { cmnd9: 0, mismatch: 0 } });
    expect(await snapshot(db())).toEqual(before);
    const run = await db().kysely.selectFrom('reconciliation_runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ finished_at: null, cursor: 0, last_error: 'unavailable:timeout' });
  });

  it('resumes from the cursor after an outage and ends with the same totals', async () => {
    const expected = await expectedCounts(db());
    const service = createSimulatorNationalIdService(db());
    const first = await runReconciliation(db(), failingAfter(service, 2), { batchSize: BATCH, now: clock });
    expect(first).toMatchObject({ finished: false, resumed: true, checked: 2 * BATCH, checkedNow: 2 * BATCH });
    const stored = await db().kysely.selectFrom('reconciliation_results').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(2 * BATCH);

    const resumed = await runReconciliation(db(), service, { batchSize: BATCH, now: clock });
    expect(resumed).toMatchObject({ runId: first.runId, finished: true, resumed: true, counts: expected });
    expect(resumed.checkedNow).toBe(resumed.checked - 2 * BATCH);
    expect(first.entered.mismatch + resumed.entered.mismatch).toBe(resumed.checked - expected.ok);
  });

  it('starts over with --restart, changing no finding', async () => {
    await runReconciliation(db(), failingAfter(createSimulatorNationalIdService(db()), 1), { batchSize: BATCH, now: clock });
    const before = await snapshot(db());
    const restarted = await runReconciliation(db(), createSimulatorNationalIdService(db()), { batchSize: BATCH, now: clock, restart: true });
    expect(restarted).toMatchObject({ finished: true, resumed: false, counts: await expectedCounts(db()), requirementsStarted: 0 });
    expect(await snapshot(db())).toEqual(before);
    const runs = await db().kysely.selectFrom('reconciliation_runs').select(['finished_at', 'last_error']).orderBy('id').execute();
    expect(runs.map((r) => r.last_error)).toEqual([null, 'restarted', null]);
  });

  it('stops with RECONCILIATION_BUSY, its batch rolled back, when another worker advanced the run', async () => {
    const service = createSimulatorNationalIdService(db());
    await runReconciliation(db(), failingAfter(service, 0), { batchSize: BATCH, now: clock });
    const before = await snapshot(db());
    const racing: NationalIdService = {
      verify: (request) => service.verify(request),
      async verifyBatch(records) {
        // Another worker commits a batch of the same run while this one waits for its answer.
        await db().kysely.updateTable('reconciliation_runs').set({ cursor: 1 }).where('finished_at', 'is', null).execute();
        return service.verifyBatch(records);
      },
    };
    await expect(runReconciliation(db(), racing, { batchSize: BATCH, now: clock })).rejects.toMatchObject({ code: 'RECONCILIATION_BUSY' });
    expect(await snapshot(db())).toEqual(before);
  });
});
