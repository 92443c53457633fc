import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { signedInAs } from './access.testing.ts';
import { DEFAULT_ACCESS_SETTINGS } from './access.settings.ts';
import { heldSession, holdSession, sessionGeneration, forgetSessions } from './session-cache.ts';
import { closeSession, liveSession, sha256 } from './session.service.ts';
import { disableUser, setScopes } from './users.service.ts';

const NOW = new Date('2026-05-10T03:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const cookieOf = (headers: { cookie: string }) => headers.cookie.split('=')[1]!;

describeEachDatabase('live sessions held in memory', ({ db }) => {
  const live = (cookie: string, when = NOW) => liveSession(db(), cookie, when, DEFAULT_ACCESS_SETTINGS);

  it('a change made by this service is seen by the very next request: scopes, disable, sign-out', async () => {
    await seedReferenceData(db());
    const [first, second] = (await db().kysely.selectFrom('admin_units').select('code').orderBy('code').limit(2).execute()).map((r) => r.code);
    const officer = await signedInAs(db(), 'commune_officer', [{ kind: 'commune', value: first! }], NOW);
    const cookie = cookieOf(officer.headers);
    expect(JSON.parse((await live(cookie))!.scope)).toEqual([{ kind: 'commune', value: first }]);
    await setScopes(db(), officer.userId, [{ kind: 'commune', value: second! }], { actor: 'test', now: NOW });
    expect(JSON.parse((await live(cookie, at(1)))!.scope)).toEqual([{ kind: 'commune', value: second }]);

    await disableUser(db(), officer.userId, { actor: 'test', now: at(2) });
    expect(await live(cookie, at(2))).toBeNull();

    const viewer = await signedInAs(db(), 'province_viewer', [], NOW);
    expect(await live(cookieOf(viewer.headers), at(3))).not.toBeNull();
    await closeSession(db(), sha256(cookieOf(viewer.headers)), at(3));
    expect(await live(cookieOf(viewer.headers), at(3))).toBeNull();
  });

  it('a change made by another process (tttb user … on the same database) is seen within five seconds', async () => {
    const viewer = await signedInAs(db(), 'province_viewer', [], NOW);
    const cookie = cookieOf(viewer.headers);
    expect(await live(cookie)).not.toBeNull();
    // Not through this process's repository: as the CLI's process would write it.
    await db().kysely.updateTable('users').set({ disabled_at: NOW.toISOString() }).where('id', '=', viewer.userId).execute();
    expect(await live(cookie, at(4_999))).not.toBeNull();
    expect(await live(cookie, at(5_000))).toBeNull();
  });

  it('idle and absolute limits hold for a held session, and a clock set back reads the database again', async () => {
    const viewer = await signedInAs(db(), 'province_viewer', [], NOW);
    const cookie = cookieOf(viewer.headers);
    expect(await live(cookie)).not.toBeNull();
    expect(await live(cookie, at(-1))).not.toBeNull();
    expect(await live(cookie, at(DEFAULT_ACCESS_SETTINGS.sessionIdleMinutes * 60_000))).toBeNull();
  });
});

it('a read that began before a write is not held: it may hold what the write replaced', () => {
  const row = { id_hash: 'h', last_seen_at: '', expires_at: '', ended_at: null, disabled_at: null } as unknown as Parameters<typeof holdSession>[0];
  const before = sessionGeneration();
  forgetSessions();
  holdSession(row, 0, before);
  expect(heldSession('h', 1)).toBeUndefined();
  holdSession(row, 0, sessionGeneration());
  expect(heldSession('h', 1)).toBe(row);
  expect(heldSession('h', 5_000)).toBeUndefined();
});
