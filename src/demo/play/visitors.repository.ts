/**
 * Who comes to verify in a played day: open, unverified H2H lines of citizens, with what the
 * person brings (their card's data and face as the national database holds them: the demo plays
 * the citizens, so it may read the simulator's table) and the one-time code their phone receives.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface Visitor {
  id: number;
  msisdn: string;
  communeCode: string;
  carrier: string;
  /** In at least one target group now. */
  target: boolean;
  personalId: string;
  fullName: string;
  birthDate: string;
  faceSeed: number;
}

/** Every open, unverified H2H line of a living citizen known to the national database, by id. */
export async function unverifiedVisitors(db: Kysely<DB>): Promise<Visitor[]> {
  const rows = await db
    .selectFrom('subscribers as s')
    .innerJoin('nid_citizens as c', (join) => join.on((eb) => eb.or([eb('c.personal_id', '=', eb.ref('s.document_number')), eb('c.legacy_cmnd', '=', eb.ref('s.document_number'))])))
    .select([
      's.id',
      's.msisdn',
      's.commune_code',
      's.carrier',
      'c.personal_id',
      'c.full_name',
      'c.birth_date',
      'c.face_seed',
      sql<number>`case when exists (select 1 from target_memberships m where m.subscriber_id = s.id and m.ended_at is null) then 1 else 0 end`.as('target'),
    ])
    .where('s.line_class', '=', 'h2h')
    .where('s.holder_kind', '=', 'citizen')
    .where('s.verification_state', '<>', 'verified')
    .where('s.closed_at', 'is', null)
    .where('s.lock_level', '<>', 'terminated')
    .where('c.deceased_on', 'is', null)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    msisdn: r.msisdn,
    communeCode: r.commune_code ?? '',
    carrier: r.carrier,
    target: Number(r.target) === 1,
    personalId: r.personal_id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    faceSeed: Number(r.face_seed),
  }));
}

/** The latest one-time code sent to a line, as its phone shows it (the digits of the SMS). */
export async function codeOnPhone(db: Kysely<DB>, subscriberId: number): Promise<string | undefined> {
  const notice = await db.selectFrom('notices').select('text').where('subscriber_id', '=', subscriberId).where('kind', '=', 'otp').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return /\d{4,8}/.exec(notice?.text ?? '')?.[0];
}

/** Open lines, for the day's self-checks: number and carrier. */
export async function openLines(db: Kysely<DB>): Promise<{ msisdn: string; carrier: string }[]> {
  return db.selectFrom('subscribers').select(['msisdn', 'carrier']).where('closed_at', 'is', null).orderBy('id').execute();
}
