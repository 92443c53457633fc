import { sql, type Kysely, type Migration } from 'kysely';
import { vietnamDay } from '../../domain/calendar.ts';
import { recountStocks } from '../line-figures.ts';
import { columnTypes } from './column-types.ts';

/**
 * The live figures (docs/campaign.md, "Live figures"): per Vietnam day, commune, carrier and
 * measure the change of a stock or the count of a flow (`figures_daily`), and the sum of them all
 * (`figures_total`), both written in the transaction of the state change that moves them. A
 * registry already here opens with its stocks counted on the day of its latest change (a
 * migration has no clock of the service to ask).
 */
export const liveFigures: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('figures_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('commune_code', 'text', (c) => c.notNull())
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('n', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('figures_daily_pk', ['day', 'commune_code', 'carrier', 'measure'])
      .execute();
    await db.schema
      .createTable('figures_total')
      .addColumn('commune_code', 'text', (c) => c.notNull())
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('n', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('figures_total_pk', ['commune_code', 'carrier', 'measure'])
      .execute();
    const latest = await sql<{ at: string | Date | null }>`select max(updated_at) as at from subscribers`.execute(db);
    const at = latest.rows[0]?.at;
    if (at !== null && at !== undefined) await recountStocks(db, vietnamDay(new Date(at)));
  },
};
