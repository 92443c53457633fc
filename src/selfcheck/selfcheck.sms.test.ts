import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { startSmsLoop, type SmsLoop } from '../messaging/sms.testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { createSelfCheckSmsHandler } from './index.ts';

const OWNER = '0961111201';
const DOC = '089095012121';

describeEachDatabase('self-check over the SMS link', ({ db }) => {
  let loop: SmsLoop;
  beforeAll(async () => {
    await seedReferenceData(db());
    await db().kysely.insertInto('subscribers').values(testLine({ msisdn: OWNER, document_number: DOC })).execute();
    loop = await startSmsLoop(db(), { handler: createSelfCheckSmsHandler() });
    await loop.bound();
  });
  afterAll(async () => loop.stop());

  it('shows the owner the whole document number, then keeps no copy of it once the SMSC has the reply', async () => {
    const reply = await loop.phone.send(OWNER, '1414', 'TTTB', { timeoutMs: 5_000 });
    expect(reply).toContain(`CCCD ${DOC}.`);
    const notice = () => db().kysely.selectFrom('notices').select(['status', 'text']).where('msisdn', '=', OWNER).where('kind', '=', 'selfcheck.reply').executeTakeFirstOrThrow();
    await expect.poll(async () => (await notice()).status).toBe('sent');
    const kept = (await notice()).text;
    expect(kept).not.toContain(DOC);
    // Every run of digits is blanked, the birth year with it: the stored copy keeps the reply's shape.
    expect(kept).toContain('CCCD ************.');
  });
});
