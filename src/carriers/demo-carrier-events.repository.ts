/** The SQL of the demo's carrier networks reporting events: where they got to, how many lines each has, a line drawn at random. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Where the demo's networks got to: the time of the latest event they reported (their references
 * start `demo-`), or before the first, the instant the demo began (its generation's `referenceNow`),
 * so the quiet hours before the first event are not skipped when the clock is moved on.
 */
export async function demoEventsCursor(db: Kysely<DB>): Promise<string | null> {
  const latest = await db
    .selectFrom('carrier_events')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('reference', 'like', 'demo-%')
    .executeTakeFirst();
  if (latest?.at) return latest.at;
  const run = await db.selectFrom('demo_runs').select('settings').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const began = run ? (JSON.parse(run.settings) as { referenceNow?: unknown }).referenceNow : undefined;
  return typeof began === 'string' ? began : null;
}

/** Open lines (not closed, not terminated) per carrier. */
export async function openLinesPerCarrier(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('subscribers')
    .select(['carrier', (eb) => eb.fn.countAll<number | string>().as('lines')])
    .where('closed_at', 'is', null)
    .where('lock_level', '!=', 'terminated')
    .groupBy('carrier')
    .execute();
  return new Map(rows.map((r) => [r.carrier, Number(r.lines)]));
}

/** The id range of the registry, to draw lines from. */
export async function subscriberIdRange(db: Kysely<DB>): Promise<{ low: number; high: number } | null> {
  const row = await db
    .selectFrom('subscribers')
    .select((eb) => [eb.fn.min('id').as('low'), eb.fn.max('id').as('high')])
    .executeTakeFirst();
  return row?.low == null || row.high == null ? null : { low: Number(row.low), high: Number(row.high) };
}

/** The first open line of `carrier` from id `from` on (wrapping round to the start), with its holder. */
export async function openLineFrom(db: Kysely<DB>, carrier: string | null, from: number) {
  const query = (after: number) =>
    db
      .selectFrom('subscribers')
      .select(['id', 'msisdn', 'carrier', 'holder_kind', 'document_type', 'document_number', 'full_name', 'birth_date', 'birth_precision', 'sex', 'commune_code'])
      .where('id', '>=', after)
      .where('closed_at', 'is', null)
      .where('lock_level', '!=', 'terminated')
      .$if(carrier !== null, (q) => q.where('carrier', '=', carrier as string))
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  return (await query(from)) ?? (await query(0));
}

export type DemoLine = NonNullable<Awaited<ReturnType<typeof openLineFrom>>>;
