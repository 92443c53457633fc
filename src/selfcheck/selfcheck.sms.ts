/**
 * The self-check's answer to a message on 1414: the handler the SMS link calls for each stored
 * inbound message, in the transaction that stored it. It sends nothing itself: the link queues
 * and sends the reply it returns.
 */
import type { InboundSmsHandler } from '../messaging/inbound.ts';
import { parseSelfCheck } from './selfcheck.parser.ts';
import { answerSelfCheck } from './selfcheck.service.ts';
import { resolveSelfCheckSettings, type SelfCheckSettings } from './selfcheck.settings.ts';

export interface SelfCheckSmsOptions {
  settings?: Partial<SelfCheckSettings>;
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * Builds the 1414 handler: parse, answer (one indexed read of the sender, a second only for the
 * lines under a document the sender holds), record, and return the reply text.
 */
export function createSelfCheckSmsHandler(options: SelfCheckSmsOptions = {}): InboundSmsHandler {
  const settings = resolveSelfCheckSettings(options.settings);
  const now = options.now ?? (() => new Date());
  return async (trx, sms) => {
    const { answer, subscriberId } = await answerSelfCheck(
      trx,
      { channel: 'sms', msisdn: sms.from, carrier: sms.carrier, request: parseSelfCheck(sms.text), at: now() },
      settings,
    );
    return { text: answer.text, subscriberId };
  };
}

/** The handler with the default settings (config.selfCheck defaults). */
export const answerSelfCheckSms: InboundSmsHandler = createSelfCheckSmsHandler();
