/**
 * The self-check's answers to messages on 1414: the handler the SMS link calls for each stored
 * batch of inbound messages, in the transaction that stored them. It sends nothing itself: the link queues
 * and sends the reply it returns.
 */
import type { InboundSmsHandler } from '../messaging/index.ts';
import { parseSelfCheck } from './selfcheck.parser.ts';
import { answerSelfChecks } from './selfcheck.service.ts';
import { resolveSelfCheckSettings, type SelfCheckSettings } from './selfcheck.settings.ts';

export interface SelfCheckSmsOptions {
  settings?: Partial<SelfCheckSettings>;
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * Builds the 1414 handler: parse, answer (one read of the batch's senders, a further read only for
 * the lines under a document the sender holds), record (one insert per batch), return the replies.
 */
export function createSelfCheckSmsHandler(options: SelfCheckSmsOptions = {}): InboundSmsHandler {
  const settings = resolveSelfCheckSettings(options.settings);
  const now = options.now ?? (() => new Date());
  return async (trx, batch) => {
    const at = now();
    const asks = batch.map((sms) => ({ channel: 'sms' as const, msisdn: sms.from, carrier: sms.carrier, request: parseSelfCheck(sms.text), at }));
    const results = await answerSelfChecks(trx, asks, settings);
    return results.map(({ answer, subscriberId }) => ({ text: answer.text, subscriberId }));
  };
}
