/**
 * The SMS gateway: one SMPP link per carrier, the short code's inbound path and the outbox
 * dispatcher, sharing one database lane.
 *
 * Inbound (a phone texts 1414): deliver_sm are collected for about a millisecond (up to a few
 * hundred); the batch is stored in ONE transaction — sms_inbound rows, the handler's own records,
 * the replies queued in `notices`, reply_notice_id — and only after the commit does each
 * deliver_sm get its deliver_sm_resp. The replies then go straight to the dispatcher (no wait for
 * the outbox poll). A deliver_sm the SMSC delivers again because our resp was lost (same carrier,
 * sender and text within 60 s, already answered) only gets its resp. A resp is lost only with the
 * connection that carried it (TCP loses nothing else), so the SMSC redelivers on a later
 * connection: the same text again on the connection that brought the first is the person asking
 * twice, and is answered. (An SMSC that resends on the same bind after its own response timer runs
 * out would get a second reply; the service answers within milliseconds, far inside such timers.)
 *
 * Every database write of the gateway (inbound batches, outcomes of submits, receipts, the outbox
 * poll) runs one at a time in this lane, so a poll never sees a reply as "queued" while the
 * dispatcher already holds it, and a receipt is written after the "sent" it refers to. Each turn
 * of the lane commits once: the outcomes and receipts gathered since the last turn with the next
 * inbound batch.
 */
import { maskMsisdn, normalizeMsisdn, type Carrier, type ReferenceData } from '../../domain/index.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/open.ts';
import type { DB } from '../../db/schema.ts';
import type { SmscLink } from '../../config.ts';
import type { InboundSms, InboundSmsHandler, SmsReply } from '../inbound.ts';
import { numberField, stringField, STATUS, type Pdu } from '../smpp/pdu.ts';
import { ConcatAssembler, ESM_CLASS, parseReceipt, readShortMessage, shortMessageOf } from '../smpp/short-message.ts';
import type { SmsLog } from '../sms-log.ts';
import { EsmeLink, type DeliverArrival } from './esme.link.ts';
import { groupBy } from './group-by.ts';
import { OutboxDispatcher, type DueNotice } from './outbox.dispatcher.ts';
import {
  findAnsweredSince,
  insertInbound,
  insertReplies,
  linkReplies,
  listDueNotices,
  markFailed,
  markSent,
  recordReceipts,
} from './sms-gateway.repository.ts';

/** Notice kind of a reply to a message sent to the short code. */
export const REPLY_NOTICE_KIND = 'selfcheck.reply';
/** A message delivered again within this window, already answered, is not answered twice. */
const REDELIVERY_WINDOW_MS = 60_000;
const MAX_INBOUND_BATCH = 300;
/** How long an earlier part of a long message waits for its deliver_sm_resp (see holdPart). */
const PART_HOLD_MS = 5_000;
const POLL_LIMIT = 500;
const RETRY_AFTER_FAILURE_MS = 1_000;
const MAX_WRITE_TRIES_AT_STOP = 3;

export interface SmsGatewayOptions {
  db: Database;
  reference: ReferenceData;
  shortCode: string;
  links: readonly SmscLink[];
  handler: InboundSmsHandler;
  log: SmsLog;
  /** How often the outbox is read for due notices (replies to 1414 do not wait for it). */
  pollIntervalMs?: number;
  /** How long the first message of an inbound batch waits for others. */
  batchWindowMs?: number;
  enquireLinkMs?: number;
  responseTimeoutMs?: number;
  reconnect?: { minMs: number; maxMs: number };
  /**
   * The service's clock, which dates notices' `not_before` (src/clock): the outbox is read as of
   * it. The link's own records of the exchange (arrived, sent, delivered) stay on wall time.
   */
  now?: () => Date;
}

/** One carrier's link as `status()` reports it. */
export interface CarrierLinkStatus {
  bound: boolean;
  /** submit_sm sent and not yet answered. */
  inFlight: number;
  /** Notices the SMSC took since start. */
  sent: number;
  /** Messages received on the short code since start. */
  received: number;
  /** Of those, messages whose octets were not readable text (answered with the help text). */
  unreadable: number;
  /** Notices in memory waiting for room in the window. */
  waiting: number;
  /** Long messages with parts received whose deliver_sm_resp waits for the other parts. */
  partsHeld: number;
}

interface InboundItem {
  carrier: Carrier;
  from: string;
  to: string;
  /** '' for a message that is not readable text. */
  text: string;
  /** Octets of a message that is not readable text, else null. */
  unreadableOctets: number | null;
  /** ISO instant it arrived (sms_inbound.received_at). */
  arrivedAt: string;
  /** ISO instant the connection it arrived on was opened. */
  connectedAt: string;
  respond(status: number): void;
}

/** What a stored batch brought: the messages answered (not redeliveries) and their queued replies. */
interface StoredBatch {
  fresh: InboundItem[];
  replies: DueNotice[];
}

interface ReceiptItem {
  carrier: Carrier;
  smscMessageId: string;
  stat: string;
  doneAt: string;
  respond(status: number): void;
}

/** See the module comment. */
export class SmsGateway {
  private readonly links = new Map<Carrier, EsmeLink>();
  private readonly dispatcher: OutboxDispatcher;
  private readonly log: SmsLog;
  private readonly received = new Map<Carrier, number>();
  private readonly unreadable = new Map<Carrier, number>();
  private readonly assembler = new ConcatAssembler();
  /** deliver_sm_resp of earlier parts of long messages, by message, until the message is stored. */
  private readonly heldParts = new Map<string, { responds: ((status: number) => void)[]; timer: NodeJS.Timeout }>();
  private inbound: InboundItem[] = [];
  private receipts: ReceiptItem[] = [];
  private pollDue = false;
  private pollCursor = 0;
  private pollTimer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private draining: Promise<void> | null = null;
  private pausedUntil = 0;
  private stopping = false;
  private failuresWhileStopping = 0;
  private stopped = false;

  constructor(private readonly options: SmsGatewayOptions) {
    this.log = options.log.child({ component: 'sms-gateway' });
    for (const config of options.links) {
      this.links.set(
        config.carrier,
        new EsmeLink({
          ...config,
          log: this.log,
          enquireLinkMs: options.enquireLinkMs,
          responseTimeoutMs: options.responseTimeoutMs,
          reconnect: options.reconnect,
          onDeliver: (link, pdu, arrival) => this.onDeliver(link.carrier, pdu, arrival),
          onBound: (link) => {
            this.dispatcher.pump(link.carrier);
            this.kick();
          },
        }),
      );
    }
    this.dispatcher = new OutboxDispatcher({
      links: this.links,
      reference: options.reference,
      shortCode: options.shortCode,
      log: this.log,
      onOutcome: () => this.schedule(0),
    });
  }

  /** Connects every link (in the background) and starts reading the outbox. */
  start(): void {
    for (const link of this.links.values()) link.start();
    this.pollTimer = setInterval(() => this.kick(), this.options.pollIntervalMs ?? 1_000);
    this.kick();
  }

  /** Reads the outbox now (e.g. right after notices were queued). */
  kick(): void {
    if (this.stopping) return;
    this.pollDue = true;
    this.schedule(0);
  }

  /** Per carrier: bound, submits in flight, notices sent, messages received (and unreadable), notices waiting. */
  status(): Partial<Record<Carrier, CarrierLinkStatus>> {
    const status: Partial<Record<Carrier, CarrierLinkStatus>> = {};
    for (const [carrier, link] of this.links) {
      status[carrier] = {
        bound: link.bound,
        inFlight: link.inFlight,
        sent: this.dispatcher.sentCount(carrier),
        received: this.received.get(carrier) ?? 0,
        unreadable: this.unreadable.get(carrier) ?? 0,
        waiting: this.dispatcher.waiting(carrier),
        partsHeld: [...this.heldParts.keys()].filter((key) => key.startsWith(`${carrier}:`)).length,
      };
    }
    return status;
  }

  /**
   * Stops cleanly: no new submits, waits (up to `graceMs`) for the answers to those in flight,
   * unbinds every link, and writes every outcome down before resolving.
   */
  async stop(graceMs = 3_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.pollTimer);
    this.dispatcher.stop();
    const deadline = Date.now() + graceMs;
    while (this.dispatcher.inFlight > 0 && Date.now() < deadline) await sleep(20);
    await Promise.all([...this.links.values()].map((link) => link.stop()));
    // Parts never acknowledged: the SMSC delivers them again after the next bind.
    for (const key of [...this.heldParts.keys()]) this.releaseParts(key);
    clearTimeout(this.wake);
    this.wake = undefined;
    this.pausedUntil = 0;
    await this.drain();
    this.stopped = true;
  }

  private onDeliver(carrier: Carrier, pdu: Pdu, { respond, connectedAt }: DeliverArrival): void {
    const sms = readShortMessage(pdu);
    if ((numberField(pdu, 'esm_class') & ESM_CLASS.RECEIPT) !== 0) {
      const receipt = parseReceipt(pdu, sms.text);
      if (!receipt) {
        this.log.warn({ carrier }, 'báo cáo phát không đọc được: bỏ qua');
        return respond(STATUS.OK);
      }
      this.receipts.push({ carrier, smscMessageId: receipt.messageId, stat: receipt.stat, doneAt: receipt.doneAt ?? new Date().toISOString(), respond });
      return this.schedule(this.options.batchWindowMs ?? 1);
    }
    const to = stringField(pdu, 'destination_addr');
    if (to.replace(/^\+/, '') !== this.options.shortCode) {
      this.log.warn({ carrier, to: maskMsisdn(to) }, 'tin nhắn không gửi tới đầu số của dịch vụ: ESME_RINVDSTADR');
      return respond(STATUS.RINVDSTADR);
    }
    const from = normalizeMsisdn(stringField(pdu, 'source_addr'), this.options.reference);
    if (!from.valid || !from.msisdn) {
      this.log.warn({ carrier, reasons: from.reasons }, 'số gửi không đọc được: ESME_RINVSRCADR');
      return respond(STATUS.RINVSRCADR);
    }
    // A long message is answered once, when its last part arrives. Earlier parts wait for their
    // deliver_sm_resp until the whole message is stored: a part acknowledged before is the SMSC's
    // no more, and a restart in between would lose it.
    const party = `${carrier}:${from.msisdn}`;
    const whole = this.assembler.add(party, sms);
    const partsKey = sms.concat && sms.concat.total > 1 ? `${party}:${sms.concat.reference}:${sms.concat.total}` : null;
    if (!whole) return this.holdPart(partsKey as string, respond);
    const held = partsKey ? this.releaseParts(partsKey) : [];
    const respondAll = held.length === 0 ? respond : (status: number) => [...held, respond].forEach((r) => r(status));
    // Octets that are not text are still the sender's message: stored, acknowledged (refused, the
    // SMSC would deliver them again and again) and answered as any text the handler cannot read.
    const unreadableOctets = sms.unreadable === null ? null : shortMessageOf(pdu).length;
    if (sms.unreadable !== null) this.log.warn({ carrier, why: sms.unreadable, octets: unreadableOctets }, 'tin nhắn đến không đọc được: lưu, xác nhận và trả lời hướng dẫn');
    this.inbound.push({
      carrier,
      from: from.msisdn,
      to: this.options.shortCode,
      text: whole.text,
      unreadableOctets,
      arrivedAt: new Date().toISOString(),
      connectedAt,
      respond: respondAll,
    });
    this.schedule(this.inbound.length >= MAX_INBOUND_BATCH ? 0 : (this.options.batchWindowMs ?? 1));
  }

  /**
   * Keeps a part's deliver_sm_resp until its message is whole. Parts come moments apart; one whose
   * companions are late is acknowledged after {@link PART_HOLD_MS}, before the SMSC's response
   * timer would send it again, and then waits in memory only.
   */
  private holdPart(key: string, respond: (status: number) => void): void {
    let held = this.heldParts.get(key);
    if (!held) {
      held = { responds: [], timer: setTimeout(() => this.releaseParts(key).forEach((r) => r(STATUS.OK)), PART_HOLD_MS) };
      this.heldParts.set(key, held);
    }
    held.responds.push(respond);
  }

  /** The held responses of a message's earlier parts (none if they were acknowledged already). */
  private releaseParts(key: string): ((status: number) => void)[] {
    const held = this.heldParts.get(key);
    if (!held) return [];
    clearTimeout(held.timer);
    this.heldParts.delete(key);
    return held.responds;
  }

  /** Runs the lane after `delayMs` (the batch window) unless it is already running or due. */
  private schedule(delayMs: number): void {
    if (this.draining || this.wake || this.stopped) return;
    const wait = Math.max(delayMs, this.pausedUntil - Date.now());
    this.wake = setTimeout(() => {
      this.wake = undefined;
      void this.drain();
    }, wait);
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainLoop().finally(() => {
      this.draining = null;
      if (this.hasWork()) this.schedule(0);
    });
    return this.draining;
  }

  private hasWork(): boolean {
    return this.dispatcher.hasOutcomes || this.receipts.length > 0 || this.inbound.length > 0 || (this.pollDue && !this.stopping);
  }

  private async drainLoop(): Promise<void> {
    while (this.hasWork() && Date.now() >= this.pausedUntil) {
      try {
        await this.writeTurn(this.inbound.splice(0, MAX_INBOUND_BATCH));
        if (this.pollDue && !this.stopping) {
          this.pollDue = false;
          await this.poll();
        }
      } catch (error) {
        // The database is unreachable or refused a write: what was not written stays in memory.
        this.log.error({ err: error }, 'ghi cơ sở dữ liệu của cổng SMS thất bại: thử lại sau');
        this.pausedUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
        if (!this.stopping) return;
        if (++this.failuresWhileStopping >= MAX_WRITE_TRIES_AT_STOP) {
          // Those notices stay queued in the outbox and go out again at the next start.
          // Unanswered deliver_sm are delivered again by the SMSC after the next bind.
          this.log.error({ unwritten: this.dispatcher.takeOutcomes().sent.length }, 'dừng mà chưa ghi được kết quả gửi: các thông báo này sẽ được gửi lại');
          this.inbound = [];
          this.receipts = [];
          return;
        }
        await sleep(RETRY_AFTER_FAILURE_MS);
      }
    }
  }

  /**
   * One turn of the lane, one transaction (a commit costs more than most of the writes in it): the
   * outcomes of submits, then the receipts that may refer to them, then the inbound batch. If it
   * fails, the outcomes are written alone and the batch message by message, so one bad message
   * holds up neither the others nor the outcomes.
   */
  private async writeTurn(batch: InboundItem[]): Promise<void> {
    const outcomes = this.dispatcher.takeOutcomes();
    const receipts = this.receipts;
    this.receipts = [];
    if (batch.length === 0 && outcomes.sent.length === 0 && outcomes.failed.length === 0 && receipts.length === 0) return;
    let stored: StoredBatch | null;
    try {
      stored = await this.options.db.kysely.transaction().execute(async (trx) => {
        // The figures count the day on the service's clock (the demo's, in a demo).
        const countedAt = (this.options.now?.() ?? new Date()).toISOString();
        await markSent(trx, outcomes.sent, new Date().toISOString(), countedAt);
        await markFailed(trx, outcomes.failed);
        for (const [carrier, group] of groupBy(receipts, (r) => r.carrier)) await recordReceipts(trx, carrier, group, countedAt);
        return batch.length > 0 ? this.storeBatch(trx, batch) : null;
      });
    } catch (error) {
      this.dispatcher.restore(outcomes);
      this.receipts.unshift(...receipts);
      if (batch.length === 0) throw error;
      try {
        await this.writeTurn([]);
      } catch (outcomeError) {
        this.inbound.unshift(...batch);
        throw outcomeError;
      }
      this.log.warn({ err: error, size: batch.length }, 'lô tin nhắn đến thất bại: xử lý từng tin');
      for (const item of batch) await this.storeAlone(item);
      return;
    }
    this.dispatcher.forget(outcomes);
    for (const receipt of receipts) receipt.respond(STATUS.OK);
    if (stored) this.answer(batch, stored);
  }

  /** A message whose batch failed, in a transaction of its own; if it fails again, the SMSC keeps it. */
  private async storeAlone(item: InboundItem): Promise<void> {
    try {
      this.answer([item], await this.options.db.kysely.transaction().execute((trx) => this.storeBatch(trx, [item])));
    } catch (error) {
      // Temporary application error: the SMSC delivers it again later.
      this.log.error({ err: error, carrier: item.carrier, from: maskMsisdn(item.from) }, 'không lưu được tin nhắn đến: ESME_RX_T_APPN');
      item.respond(STATUS.RX_T_APPN);
    }
  }

  /** Stores a batch in `trx`: the messages not already answered, the handler's records, their replies. */
  private async storeBatch(trx: Kysely<DB>, batch: readonly InboundItem[]): Promise<StoredBatch> {
    const at = new Date().toISOString();
    const since = new Date(Date.now() - REDELIVERY_WINDOW_MS).toISOString();
    const replies: DueNotice[] = [];
    const fresh: InboundItem[] = [];
    // When each (carrier, sender, text) was last answered, then as the batch goes on.
    const answeredAt = new Map<string, string>();
    for (const [carrier, group] of groupBy(batch, (item) => item.carrier)) {
      const connectedAt = group.reduce((latest, item) => (item.connectedAt > latest ? item.connectedAt : latest), '');
      if (connectedAt <= since) continue; // the link is older than the window: nothing can be a redelivery
      const answered = await findAnsweredSince(trx, carrier, [...new Set(group.map((item) => item.from))], since, connectedAt);
      for (const row of answered) {
        const key = redeliveryKey(carrier, row.source_addr, row.text, row.raw_octets);
        if ((answeredAt.get(key) ?? '') < row.received_at) answeredAt.set(key, row.received_at);
      }
    }
    for (const item of batch) {
      const key = redeliveryKey(item.carrier, item.from, item.text, item.unreadableOctets);
      const previous = answeredAt.get(key);
      // Answered, and before the connection this one came on: the SMSC delivering it again.
      if (previous !== undefined && previous < item.connectedAt) continue;
      answeredAt.set(key, item.arrivedAt);
      fresh.push(item);
    }
    const ids = await insertInbound(
      trx,
      fresh.map((item) => ({
        carrier: item.carrier,
        sourceAddr: item.from,
        destinationAddr: item.to,
        text: item.text,
        receivedAt: item.arrivedAt,
        unreadableOctets: item.unreadableOctets,
      })),
    );
    const stored = fresh.map(
      (item, i): InboundSms => ({ id: ids[i] as number, carrier: item.carrier, from: item.from, to: item.to, text: item.text, receivedAt: item.arrivedAt }),
    );
    const answers = stored.length === 0 ? [] : await this.options.handler(trx, stored);
    if (answers.length !== stored.length) throw new Error(`the handler answered ${answers.length} of ${stored.length} messages`);
    const newReplies = [];
    for (const [i, sms] of stored.entries()) {
      const item = fresh[i] as InboundItem;
      const reply = answers[i] as SmsReply;
      newReplies.push({
        inboundId: sms.id,
        notice: {
          subscriberId: reply.subscriberId,
          msisdn: item.from,
          kind: REPLY_NOTICE_KIND,
          idempotencyKey: `sms_inbound:${sms.id}`,
          text: reply.text,
          carrier: item.carrier,
          sender: this.options.shortCode,
          at,
        },
      });
    }
    const noticeIds = await insertReplies(trx, newReplies.map((r) => r.notice));
    const links = newReplies.flatMap((r) => {
      const noticeId = noticeIds.get(r.notice.idempotencyKey);
      return noticeId === undefined ? [] : [{ inboundId: r.inboundId, noticeId }];
    });
    await linkReplies(trx, links);
    for (const r of newReplies) {
      const id = noticeIds.get(r.notice.idempotencyKey);
      if (id !== undefined) replies.push({ id, msisdn: r.notice.msisdn, kind: r.notice.kind, text: r.notice.text, carrier: r.notice.carrier, sender: r.notice.sender });
    }
    return { fresh, replies };
  }

  /** The batch is committed: acknowledge every message and send the replies at once. */
  private answer(batch: readonly InboundItem[], { fresh, replies }: StoredBatch): void {
    for (const item of batch) item.respond(STATUS.OK);
    for (const item of fresh) {
      increment(this.received, item.carrier);
      if (item.unreadableOctets !== null) increment(this.unreadable, item.carrier);
    }
    if (fresh.length < batch.length) this.log.info({ duplicates: batch.length - fresh.length }, 'tin nhắn được SMSC gửi lại đã có trả lời: chỉ xác nhận');
    this.dispatcher.take(replies, { onlyBound: false });
  }

  /** Reads due notices in id order from where the last poll stopped, wrapping around at the end. */
  private async poll(): Promise<void> {
    const rows = await listDueNotices(this.options.db.kysely, { now: (this.options.now?.() ?? new Date()).toISOString(), afterId: this.pollCursor, limit: POLL_LIMIT });
    this.pollCursor = rows.length < POLL_LIMIT ? 0 : (rows.at(-1)?.id ?? 0);
    this.dispatcher.take(rows, { onlyBound: true, maxQueue: 2 * POLL_LIMIT });
  }
}

/** Unreadable messages (text '') from one sender are told apart by their length at least. */
function redeliveryKey(carrier: string, from: string, text: string, unreadableOctets: number | null): string {
  return `${carrier}\u0000${from}\u0000${text}\u0000${unreadableOctets ?? ''}`;
}

function increment(counts: Map<Carrier, number>, carrier: Carrier): void {
  counts.set(carrier, (counts.get(carrier) ?? 0) + 1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
