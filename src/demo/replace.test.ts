/**
 * `tttb demo generate --replace` after every capability has written: whatever they wrote goes,
 * whichever tables reference the lines (it once failed on a foreign key after a reconciliation).
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { signedInAs } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import { loadReferenceData } from '../reference/index.ts';
import { runRoadmap } from '../roadmap/index.ts';
import { createSelfCheckSmsHandler } from '../selfcheck/index.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { runReconciliation } from '../verification/reconciliation/index.ts';
import { newCitizen, newLine, PERFECT_PAD, requestFor } from '../verification/attempts/verification.testing.ts';
import { generateDemo } from './index.ts';

/** Tables the capabilities below write to, each of which must hold rows before the replace. */
const WRITTEN = [
  'subscribers',
  'subscriber_events',
  'target_memberships',
  'reconciliation_runs',
  'reconciliation_results',
  'verification_attempts',
  'notices',
  'sms_inbound',
  'self_checks',
  'one_time_codes',
  'verification_requests',
  'audit_log',
] as const;

describeEachDatabase('demo generate --replace after every capability has written', ({ db }) => {
  it('replaces the demo, and nothing any capability wrote is left', async () => {
    await generateDemo(db(), { lines: 300, seed: 11 });
    const nationalId = createSimulatorNationalIdService(db(), { pad: PERFECT_PAD });
    // Reconciliation (results, target groups, requirements), then the roadmap far enough on to lock
    // and terminate lines (events, notices).
    expect((await runReconciliation(db(), nationalId)).finished).toBe(true);
    await runRoadmap(db(), { at: new Date('2026-09-01T03:00:00.000Z') });

    const app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId, logLevel: 'silent' });
    try {
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const desk = await signedInAs(db(), 'carrier_operator', [{ kind: 'carrier', value: 'vinaphone' }]);
      const verified = await app.inject({ method: 'POST', url: '/api/v1/verifications', payload: requestFor(citizen, line.msisdn, { channel: 'carrier_store' }), headers: desk.headers });
      expect(verified.statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/v1/selfcheck/otp', payload: { msisdn: line.msisdn } })).statusCode).toBe(202);
      const reveal = await app.inject({ method: 'POST', url: `/api/v1/lines/${line.id}/reveal`, payload: { reason: 'kiểm thử thay bản demo' }, headers: desk.headers });
      expect(reveal.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    await db().kysely.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('sms_inbound')
        .values({ carrier: 'vinaphone', source_addr: '0912345678', destination_addr: '1414', text: 'TTTB', received_at: '2026-05-01T03:00:00.000Z', reply_notice_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await createSelfCheckSmsHandler()(trx, [{ id: Number(id), carrier: 'vinaphone', from: '0912345678', to: '1414', text: 'TTTB', receivedAt: '2026-05-01T03:00:00.000Z' }]);
    });
    for (const table of WRITTEN) expect(await count(table), table).toBeGreaterThan(0);

    const replaced = await generateDemo(db(), { lines: 200, seed: 12, replace: true });
    expect(replaced.lines).toBe(200);
    expect(await count('subscribers')).toBe(200);
    // What is left of the target groups is the new demo's own: its carriers' notices.
    for (const table of WRITTEN.filter((t) => t !== 'subscribers' && t !== 'target_memberships')) expect(await count(table), table).toBe(0);
    const groups = await db().kysely.selectFrom('target_memberships').select(['target_group', 'source']).distinct().execute();
    expect(groups).toEqual([{ target_group: 'carrier_notice', source: 'carrier' }]);
    expect(await count('demo_runs')).toBe(1);
    expect(await count('campaigns')).toBe(1);
    expect(await count('admin_units')).toBe(102);
  });

  async function count(table: string): Promise<number> {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db().kysely);
    return Number(row.rows[0]?.n);
  }
});
