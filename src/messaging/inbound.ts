/**
 * The seam between the SMS link and what answers the short code: the link stores the messages
 * phones send, a batch at a time, asks the handler for the replies inside the same transaction,
 * and queues them in the outbox before it acknowledges the messages to the SMSC.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Carrier } from '../domain/index.ts';

export interface InboundSms {
  /** Row id in sms_inbound. */
  id: number;
  /** The carrier whose SMSC delivered it: the sender's carrier. */
  carrier: Carrier;
  /** The sender in national form `0xxxxxxxxx`. */
  from: string;
  /** The short code it was sent to (1414). */
  to: string;
  /**
   * '' for a message whose octets are not readable text (stored as `unreadable`): the handler
   * answers it as any text it does not understand, with the help text.
   */
  text: string;
  receivedAt: string;
}

export interface SmsReply {
  text: string;
  /** The registered line the reply went to, when the sender is one. */
  subscriberId: number | null;
}

/**
 * Answers a batch of messages, one reply each in the same order; runs in the transaction that
 * stored them, so its own records commit with the replies. A batch lets it read and write
 * set-based (thousands of messages a second arrive in batches of hundreds).
 */
export type InboundSmsHandler = (trx: Kysely<DB>, batch: readonly InboundSms[]) => Promise<SmsReply[]>;

/**
 * Notice kinds whose text holds a secret, blanked (its runs of digits) once the SMSC has it: a
 * one-time code, or the owner's document number in a self-check reply.
 */
export const SECRET_NOTICE_KINDS: ReadonlySet<string> = new Set(['otp', 'selfcheck.otp', 'selfcheck.reply']);
