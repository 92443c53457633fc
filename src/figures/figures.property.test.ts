/**
 * The live figures always equal a recount from the registry: random sequences of what moves them
 * (carrier files, verifications through every channel, target groups, roadmap and other locks,
 * closures, transfers, ports, new handsets, self-checks, notices sent and delivered), at instants
 * on both sides of Vietnam's midnight, on both databases.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEachDatabase } from '../db/testing.ts';
import type { DB } from '../db/schema.ts';
import { VERIFICATION_CHANNELS, TARGET_GROUPS, vietnamDay } from '../domain/index.ts';
import {
  closeLine,
  markVerified,
  portOut,
  recordHandsetChange,
  seedReferenceData,
  transferLine,
  importSubscriberFile,
  SUBSCRIBER_FILE_COLUMNS,
  subscriberImportDependencies,
} from '../registry/index.ts';
import { enterTargetGroups } from '../verification/target-groups/target-groups.service.ts';
import { setLockLevels } from '../roadmap/roadmap.repository.ts';
import { insertSelfChecks } from '../selfcheck/selfcheck.repository.ts';
import { markSent, recordReceipts } from '../messaging/gateway/sms-gateway.repository.ts';
import { figuresView, verifyFigures } from './figures.service.ts';

const COMMUNES = ['30307', '30292'] as const;
const LINES = 6;
const msisdnOf = (n: number) => `0912${String(n).padStart(6, '0')}`;
// 28/4/2026 07:00 in Vietnam; steps of 5 h 17 min cross Vietnam's midnight (17:00 UTC) now and then.
const instantOf = (step: number) => new Date(Date.UTC(2026, 3, 28, 0, 0) + step * 317 * 60_000).toISOString();

type Op =
  | { kind: 'import'; mode: 'delta' | 'snapshot'; rows: { n: number; commune: number; h2h: boolean; closed: boolean; verified: boolean }[] }
  | { kind: 'verify'; n: number; channel: (typeof VERIFICATION_CHANNELS)[number] }
  | { kind: 'group'; n: number; group: (typeof TARGET_GROUPS)[number] }
  | { kind: 'lock'; n: number; campaign: boolean }
  | { kind: 'close'; n: number }
  | { kind: 'transfer'; n: number; commune: number }
  | { kind: 'port'; n: number }
  | { kind: 'handset'; n: number; imei: number }
  | { kind: 'selfcheck'; n: number }
  | { kind: 'notice'; n: number; delivered: boolean };

const line = fc.integer({ min: 1, max: LINES });
const fileRows = (minLength: number) =>
  fc.uniqueArray(
    fc.record({ n: line, commune: fc.integer({ min: 0, max: 1 }), h2h: fc.boolean(), closed: fc.constantFrom(false, false, true), verified: fc.constantFrom(false, false, true) }),
    { minLength, maxLength: LINES, selector: (r) => r.n },
  );
/** The carrier's first file: most of the lines, so the changes after it have lines to move. */
const firstFile = fc.record({ kind: fc.constant('import' as const), mode: fc.constant('snapshot' as const), rows: fileRows(LINES - 2) });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('import' as const), mode: fc.constantFrom('delta' as const, 'snapshot' as const), rows: fileRows(1) }),
  { arbitrary: fc.record({ kind: fc.constant('verify' as const), n: line, channel: fc.constantFrom(...VERIFICATION_CHANNELS) }), weight: 2 },
  fc.record({ kind: fc.constant('group' as const), n: line, group: fc.constantFrom(...TARGET_GROUPS) }),
  // Locks often, so lines reach two-way locks and termination.
  { arbitrary: fc.record({ kind: fc.constant('lock' as const), n: line, campaign: fc.boolean() }), weight: 5 },
  fc.record({ kind: fc.constant('close' as const), n: line }),
  fc.record({ kind: fc.constant('transfer' as const), n: line, commune: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('port' as const), n: line }),
  fc.record({ kind: fc.constant('handset' as const), n: line, imei: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('selfcheck' as const), n: line }),
  fc.record({ kind: fc.constant('notice' as const), n: line, delivered: fc.boolean() }),
);

/** A sequence that reaches every kind the coverage check below names, run first whatever the random ones reach. */
const EVERY_KIND: { first: Extract<Op, { kind: 'import' }>; rest: Op[] } = {
  first: { kind: 'import', mode: 'snapshot', rows: [1, 2, 3, 4].map((n) => ({ n, commune: n % 2, h2h: true, closed: false, verified: false })) },
  rest: [
    { kind: 'group', n: 1, group: 'cmnd9' },
    { kind: 'verify', n: 1, channel: 'carrier_store' },
    { kind: 'group', n: 2, group: 'carrier_notice' },
    { kind: 'close', n: 2 },
    { kind: 'group', n: 3, group: 'mismatch' },
    { kind: 'lock', n: 3, campaign: true },
    { kind: 'verify', n: 3, channel: 'mobile_point' },
    { kind: 'lock', n: 4, campaign: true },
    { kind: 'selfcheck', n: 1 },
    { kind: 'notice', n: 1, delivered: true },
  ],
};

const HEADER = SUBSCRIBER_FILE_COLUMNS.map((c) => c.code);

describeEachDatabase('live figures against a recount', ({ db }) => {
  let dir: string;
  let files = 0;
  let notices = 0;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-figures-'));
    await seedReferenceData(db());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const clear = async () => {
    const k = db().kysely;
    for (const table of ['figures_daily', 'figures_total', 'self_checks', 'notices', 'lock_orders', 'target_memberships', 'subscriber_events', 'import_problems', 'import_rows', 'imports', 'subscribers'] as const) {
      await k.deleteFrom(table).execute();
    }
  };
  const idOf = async (k: Kysely<DB>, n: number) =>
    (await k.selectFrom('subscribers').select(['id', 'carrier', 'commune_code', 'lock_level', 'lock_reason']).where('msisdn', '=', msisdnOf(n)).executeTakeFirst()) ?? null;

  const importFile = async (o: Extract<Op, { kind: 'import' }>, at: string) => {
    const rows = o.rows.map((r) => {
      const values: Record<string, string> = {
        msisdn: msisdnOf(r.n),
        line_class: r.h2h ? 'h2h' : 'non_h2h',
        holder_kind: 'citizen',
        document_type: 'personal_id',
        document_number: `08909${String(r.n).padStart(7, '0')}`,
        full_name: 'Nguyễn Văn An',
        birth_date: '05/09/1990',
        commune_code: COMMUNES[r.commune] ?? '',
        registered_at: '2021-03-15T02:30:00Z',
        verified_at: r.verified ? '2026-04-01T02:30:00Z' : '',
        status: r.closed ? 'closed' : 'active',
      };
      return HEADER.map((c) => values[c] ?? '').join(',');
    });
    const file = path.join(dir, `file-${++files}.csv`);
    fs.writeFileSync(file, [HEADER.join(','), ...rows].join('\n') + '\n');
    await importSubscriberFile(subscriberImportDependencies(db()), {
      path: file,
      fileName: path.basename(file),
      carrier: 'vinaphone',
      mode: o.mode,
      policy: 'valid_rows',
      dryRun: false,
      confirmClosures: true,
      actor: 'test',
      now: () => new Date(at),
    });
  };

  const apply = async (o: Op, at: string) => {
    if (o.kind === 'import') return importFile(o, at);
    await db().kysely.transaction().execute(async (trx) => {
      const found = await idOf(trx, o.n);
      if (!found) return;
      const id = Number(found.id);
      const change = { subscriberId: id, at, actor: 'test', details: {} };
      switch (o.kind) {
        case 'verify':
          await markVerified(trx, { subscriberId: id, at, actor: 'test', channel: o.channel });
          return;
        case 'group':
          await enterTargetGroups(trx, [{ subscriberId: id, group: o.group, source: 'test', detail: o.group === 'mismatch' ? 'name_typo' : '', at }]);
          return;
        case 'lock': {
          // The line's next level, for the roadmap's reason or another lifecycle's.
          const next = { none: 'one_way', one_way: 'two_way', two_way: 'terminated' } as const;
          if (found.lock_level === 'terminated') return;
          await setLockLevels(trx, db().dialect, {
            from: found.lock_level,
            to: next[found.lock_level],
            updatedAt: at,
            lines: [{ id, lockReason: found.lock_reason ?? (o.campaign ? 'campaign_mismatch' : 'fraud'), lockedAt: at }],
          });
          return;
        }
        case 'close':
          await closeLine(trx, { ...change, reason: 'carrier' });
          return;
        case 'transfer':
          await transferLine(trx, {
            ...change,
            holder: {
              holder_kind: 'citizen',
              document_type: 'personal_id',
              document_number: '089095099999',
              full_name: 'Trần Thị Bình',
              name_key: 'trần thị bình',
              birth_date: '1990-01-02',
              birth_precision: 'day',
              sex: 'female',
              commune_code: COMMUNES[o.commune] ?? null,
            },
          });
          return;
        case 'port':
          await portOut(trx, { ...change, from: found.carrier, to: found.carrier === 'mobifone' ? 'viettel' : 'mobifone' });
          return;
        case 'handset':
          await recordHandsetChange(trx, { ...change, imei: `35693803564380${o.imei}` });
          return;
        case 'selfcheck':
          await insertSelfChecks(trx, [
            { at, day: vietnamDay(at), channel: 'sms', msisdn: msisdnOf(o.n), carrier: found.carrier, request_kind: 'owner', outcome: 'shown', subscriber_id: id, commune_code: found.commune_code, detail: null },
          ]);
          return;
        case 'notice': {
          const notice = ++notices;
          const inserted = await trx
            .insertInto('notices')
            .values({ subscriber_id: id, msisdn: msisdnOf(o.n), kind: 'test', idempotency_key: `n${notice}`, text: 'x', created_at: at, not_before: at })
            .returning('id')
            .executeTakeFirstOrThrow();
          await markSent(trx, [{ id: Number(inserted.id), carrier: found.carrier, smscMessageId: `m${notice}`, keptText: null }], at, at);
          if (o.delivered) await recordReceipts(trx, found.carrier, [{ smscMessageId: `m${notice}`, stat: 'DELIVRD', doneAt: at }], at);
          return;
        }
      }
    });
  };

  const run = async (ops: readonly Op[]) => {
    await clear();
    for (const [step, o] of ops.entries()) await apply(o, instantOf(step));
    const clock = { now: () => new Date(instantOf(ops.length)) };
    return (await figuresView(db().kysely, clock, { by: [], scope: 'province' })).items[0];
  };
  const oneLine = { kind: 'import' as const, mode: 'delta' as const, rows: [{ n: 1, commune: 0, h2h: true, closed: false, verified: false }] };

  it('counts a roadmap lock lifted by verification as unlocked, and a termination once', async () => {
    const unlocked = await run([oneLine, { kind: 'group', n: 1, group: 'mismatch' }, { kind: 'lock', n: 1, campaign: true }, { kind: 'verify', n: 1, channel: 'mobile_point' }]);
    expect(unlocked?.stocks).toMatchObject({ target: 1, target_verified: 1, locked_one_way: 0, remaining: 0 });
    expect(unlocked?.flows).toMatchObject({ unlocked: 1, verified_mobile_point: 1 });
    const lock = { kind: 'lock' as const, n: 1, campaign: true };
    const ended = await run([oneLine, lock, lock, lock]);
    expect(ended?.stocks).toMatchObject({ locked_one_way: 0, locked_two_way: 0, terminated: 1 });
    const fraud = await run([oneLine, { ...lock, campaign: false }]);
    expect(fraud?.stocks).toMatchObject({ lines: 1, locked_one_way: 0 });
    expect(await verifyFigures(db().kysely)).toEqual([]);
  });

  it('equal the recount after any sequence of changes', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(firstFile, fc.array(op, { minLength: 1, maxLength: 30 }), async (first, rest) => {
        const ops: Op[] = [first, ...rest];
        await clear();
        for (const [step, o] of ops.entries()) await apply(o, instantOf(step));
        expect(await verifyFigures(db().kysely)).toEqual([]);
        // The last day's stocks by day are the stocks now.
        const clock = { now: () => new Date(instantOf(ops.length)) };
        const now = await figuresView(db().kysely, clock, { by: [], scope: 'province' });
        const byDay = await figuresView(db().kysely, clock, { by: ['day'], from: '2026-04-28', scope: 'province' });
        const nonZero = (stocks: Record<string, number> | undefined) => Object.entries(stocks ?? {}).filter(([, n]) => n !== 0);
        expect(nonZero(byDay.items.at(-1)?.stocks)).toEqual(nonZero(now.items[0]?.stocks));
        for (const item of [...now.items, ...byDay.items]) for (const [m, n] of [...Object.entries(item.stocks), ...Object.entries(item.flows)]) if (n > 0) seen.add(m);
      }),
      { numRuns: 100, examples: [[EVERY_KIND.first, EVERY_KIND.rest]] },
    );
    // The sequences reached the figures' kinds (termination, three locks in a row, is in the test above), so the equality was not over zeros.
    // Each day's stocks count, not only the last: a random sequence often ends with its verified lines moved on.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['lines', 'target', 'target_verified', 'target_closed', 'locked_one_way', 'selfchecks', 'notices_sent', 'notices_delivered', 'unlocked']));
  }, 240_000);
});
