/** The route tests' figures: a test app with the figures' routes, the plan's campaign and lines counted as the migration opens them. */
import { signedInAs } from '../access/access.testing.ts';
import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/open.ts';
import { recountStocks } from '../db/line-figures.ts';
import { routeTestApp } from '../http/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import type { NewSubscriber } from '../db/schema.ts';
import { figuresRoutes } from './figures.routes.ts';

export const LONG_XUYEN = '30292';
export const OTHER_COMMUNE = '30307';

/**
 * A test app on `db` at `clock` with the campaign 28/4–28/5/2026 and `lines` in the registry
 * (counted on 27/4, as written straight into it); a province viewer and an officer of
 * {@link OTHER_COMMUNE} signed in. Answers the lines' ids in order.
 */
export async function figuresTestApp(db: Database, clock: Clock, lines: readonly NewSubscriber[]) {
  await seedReferenceData(db);
  const app = routeTestApp(db, clock);
  await app.register(figuresRoutes, { prefix: '/api/v1/figures' });
  const viewer = (await signedInAs(db, 'province_viewer')).headers;
  const officer = (await signedInAs(db, 'commune_officer', [{ kind: 'commune', value: OTHER_COMMUNE }])).headers;
  await db.kysely
    .insertInto('campaigns')
    .values({ code: 'AG-2026', name: 'Chiến dịch', province_code: '91', legal_basis: 'Thông tư 08/2026/TT-BKHCN', starts_on: '2026-04-28', ends_on: '2026-05-28' })
    .execute();
  const ids = (await db.kysely.insertInto('subscribers').values([...lines]).returning('id').execute()).map((r) => Number(r.id));
  await recountStocks(db.kysely, '2026-04-27');
  return { app, viewer, officer, ids };
}
