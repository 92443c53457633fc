/**
 * The outbox dispatcher: sends queued notices through the carriers' links and reports what the
 * SMSC made of each, for the gateway to write down in one batch.
 *
 * A notice taken from the outbox stays in memory until its outcome is written: it is never handed
 * out twice while it travels, and a notice the SMSC acknowledged is never sent again, also when its
 * link drops before the outcome reaches the database. Each part of a long notice is acknowledged on
 * its own; after a drop, throttling or a timeout only the parts not yet acknowledged are sent again
 * (with the same concatenation reference, so the handset puts them in place).
 *
 * The one case SMPP 3.4 cannot settle: the SMSC took a submit_sm but its submit_sm_resp was lost
 * on a hard network cut (or the service died before writing it down). Nothing in 3.4 lets an ESME
 * ask "did you get my message?" without the message_id it never received, and submit_sm carries no
 * reference the SMSC would deduplicate on. We send it again after the rebind: a person may get a
 * reply twice, but never none (at-least-once for that one ambiguous message; a clean drop — the
 * SMSC flushes its responses before closing — sends nothing twice).
 */
import { maskMsisdn, normalizeMsisdn, type Carrier, type ReferenceData } from '../../domain/index.ts';
import { SECRET_NOTICE_KINDS } from '../inbound.ts';
import { stringField, isTransientStatus, STATUS, statusName } from '../smpp/pdu.ts';
import { encodeSms } from '../smpp/short-message.ts';
import type { SmsLog } from '../sms-log.ts';
import type { EsmeLink } from './esme.link.ts';
import type { SentNotice } from './sms-gateway.repository.ts';

/** A queued outbox row as the dispatcher needs it. */
export interface DueNotice {
  id: number;
  msisdn: string;
  kind: string;
  text: string;
  carrier: string | null;
  sender: string | null;
}

export interface FailedNotice {
  id: number;
  error: string;
  /** Whether it reached the SMSC (counts as a submit attempt). */
  attempted: boolean;
}

interface Part {
  shortMessage: Buffer;
  smscMessageId: string | null;
  inFlight: boolean;
}

interface Outbound {
  notice: DueNotice;
  carrier: Carrier;
  destination: string;
  source: string;
  dataCoding: number;
  esmClass: number;
  parts: Part[];
  queued: boolean;
  done: boolean;
}

interface CarrierLane {
  queue: Outbound[];
  pausedUntil: number;
  backoffMs: number;
  resume: NodeJS.Timeout | undefined;
  sent: number;
}

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;

export interface OutboxDispatcherOptions {
  links: ReadonlyMap<Carrier, EsmeLink>;
  reference: ReferenceData;
  shortCode: string;
  log: SmsLog;
  /** Called when outcomes are waiting to be written. */
  onOutcome(): void;
}

/** See the module comment. */
export class OutboxDispatcher {
  /** Notices taken and not yet written down; null = only an outcome waits (it never reached a link). */
  private readonly inMemory = new Map<number, Outbound | null>();
  private readonly lanes = new Map<Carrier, CarrierLane>();
  private sent: SentNotice[] = [];
  private failed: FailedNotice[] = [];
  private stopped = false;

  constructor(private readonly options: OutboxDispatcherOptions) {}

  /** Whether the notice is being handled (so the outbox poll leaves it alone). */
  has(id: number): boolean {
    return this.inMemory.has(id);
  }

  /** Notices waiting in memory for a carrier (not yet handed to its link). */
  waiting(carrier: Carrier): number {
    return this.lanes.get(carrier)?.queue.length ?? 0;
  }

  /** Notices the SMSC of `carrier` took since start. */
  sentCount(carrier: Carrier): number {
    return this.lanes.get(carrier)?.sent ?? 0;
  }

  /**
   * Takes notices to send. With `onlyBound`, a notice whose link is not bound now, or whose queue is
   * already long, is left in the outbox for a later poll. Returns how many were taken.
   */
  take(notices: readonly DueNotice[], options: { onlyBound: boolean; maxQueue?: number }): number {
    let taken = 0;
    const touched = new Set<Carrier>();
    for (const notice of notices) {
      if (this.inMemory.has(notice.id)) continue;
      const route = this.route(notice);
      if ('error' in route) {
        this.failed.push({ id: notice.id, error: route.error, attempted: false });
        this.options.log.warn({ notice: notice.id, to: maskMsisdn(notice.msisdn), error: route.error }, 'không gửi được thông báo');
        this.inMemory.set(notice.id, null);
        continue;
      }
      const link = this.options.links.get(route.carrier);
      const lane = this.lane(route.carrier);
      if (options.onlyBound && (!link?.bound || lane.queue.length >= (options.maxQueue ?? Infinity))) continue;
      const encoded = encodeSms(notice.text, notice.id);
      const outbound: Outbound = {
        notice,
        carrier: route.carrier,
        destination: `84${route.msisdn.slice(1)}`,
        source: notice.sender ?? this.options.shortCode,
        dataCoding: encoded.dataCoding,
        esmClass: encoded.esmClass,
        parts: encoded.shortMessages.map((shortMessage) => ({ shortMessage, smscMessageId: null, inFlight: false })),
        queued: true,
        done: false,
      };
      if (outbound.parts.length > 2) this.options.log.warn({ notice: notice.id, parts: outbound.parts.length }, 'thông báo dài hơn 2 phần tin nhắn');
      this.inMemory.set(notice.id, outbound);
      lane.queue.push(outbound);
      touched.add(route.carrier);
      taken += 1;
    }
    for (const carrier of touched) this.pump(carrier);
    if (this.failed.length > 0) this.options.onOutcome();
    return taken;
  }

  /** Sends what waits for `carrier` while its link has room in its window. */
  pump(carrier: Carrier): void {
    const link = this.options.links.get(carrier);
    const lane = this.lanes.get(carrier);
    if (!link || !lane || this.stopped || Date.now() < lane.pausedUntil) return;
    let room = link.capacity;
    while (room > 0 && lane.queue.length > 0) {
      const outbound = lane.queue[0] as Outbound;
      const index = outbound.parts.findIndex((p) => !p.inFlight && p.smscMessageId === null);
      if (index < 0 || outbound.done) {
        lane.queue.shift();
        outbound.queued = false;
        continue;
      }
      this.submitPart(link, lane, outbound, index);
      room -= 1;
    }
  }

  /** Outcomes to write now; {@link forget} them once written, or {@link restore} them if the write failed. */
  takeOutcomes(): { sent: SentNotice[]; failed: FailedNotice[] } {
    const outcomes = { sent: this.sent, failed: this.failed };
    this.sent = [];
    this.failed = [];
    return outcomes;
  }

  /** The outcomes are in the database: the outbox poll may see these rows again (not queued any more). */
  forget(outcomes: { sent: readonly SentNotice[]; failed: readonly FailedNotice[] }): void {
    for (const s of outcomes.sent) this.inMemory.delete(s.id);
    for (const f of outcomes.failed) this.inMemory.delete(f.id);
  }

  /** A write failed: keep the outcomes for the next try. */
  restore(outcomes: { sent: readonly SentNotice[]; failed: readonly FailedNotice[] }): void {
    this.sent.unshift(...outcomes.sent);
    this.failed.unshift(...outcomes.failed);
  }

  /** Whether outcomes wait to be written. */
  get hasOutcomes(): boolean {
    return this.sent.length > 0 || this.failed.length > 0;
  }

  /** Submits still waiting for their response, over every link. */
  get inFlight(): number {
    let count = 0;
    for (const outbound of this.inMemory.values()) if (outbound && !outbound.done) count += outbound.parts.filter((p) => p.inFlight).length;
    return count;
  }

  /** No new submits from now on (shutdown); answers to those in flight are still recorded. */
  stop(): void {
    this.stopped = true;
    for (const lane of this.lanes.values()) clearTimeout(lane.resume);
  }

  private route(notice: DueNotice): { carrier: Carrier; msisdn: string } | { error: string } {
    const number = normalizeMsisdn(notice.msisdn, this.options.reference);
    if (!number.valid || !number.msisdn || !number.carrier) return { error: `số điện thoại không hợp lệ (${number.reasons.join(', ')})` };
    const carrier = (notice.carrier ?? number.carrier) as Carrier;
    if (!this.options.links.has(carrier)) return { error: `không có kết nối SMSC cho nhà mạng ${carrier}` };
    return { carrier, msisdn: number.msisdn };
  }

  private lane(carrier: Carrier): CarrierLane {
    let lane = this.lanes.get(carrier);
    if (!lane) {
      lane = { queue: [], pausedUntil: 0, backoffMs: BACKOFF_MIN_MS, resume: undefined, sent: 0 };
      this.lanes.set(carrier, lane);
    }
    return lane;
  }

  private submitPart(link: EsmeLink, lane: CarrierLane, outbound: Outbound, index: number): void {
    const part = outbound.parts[index] as Part;
    part.inFlight = true;
    const last = index === outbound.parts.length - 1;
    const alphanumeric = !/^\d+$/.test(outbound.source);
    link
      .submit({
        source_addr_ton: alphanumeric ? 5 : 0,
        source_addr_npi: 0,
        source_addr: outbound.source,
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: outbound.destination,
        esm_class: outbound.esmClass,
        data_coding: outbound.dataCoding,
        // One receipt per notice: for its last part, the one that completes it on the handset.
        registered_delivery: last ? 1 : 0,
        short_message: part.shortMessage,
      })
      .then(
        (resp) => {
          part.inFlight = false;
          if (resp.command === 'submit_sm_resp' && resp.command_status === STATUS.OK) {
            part.smscMessageId = stringField(resp, 'message_id');
            lane.backoffMs = BACKOFF_MIN_MS;
            this.settleIfComplete(outbound, lane);
          } else if (resp.command === 'generic_nack' || isTransientStatus(resp.command_status)) {
            this.backOff(outbound, lane, statusName(resp.command_status));
          } else {
            this.fail(outbound, statusName(resp.command_status));
          }
          this.pump(outbound.carrier);
        },
        () => {
          // The link dropped (or timed out): the part goes out again after the next bind.
          part.inFlight = false;
          this.requeue(outbound, lane);
        },
      );
  }

  private settleIfComplete(outbound: Outbound, lane: CarrierLane): void {
    if (outbound.done || outbound.parts.some((p) => p.smscMessageId === null)) return;
    outbound.done = true;
    lane.sent += 1;
    const { notice } = outbound;
    this.sent.push({
      id: notice.id,
      carrier: outbound.carrier,
      smscMessageId: outbound.parts.at(-1)?.smscMessageId ?? '',
      keptText: SECRET_NOTICE_KINDS.has(notice.kind) ? blankCode(notice.text) : null,
    });
    this.options.onOutcome();
  }

  private fail(outbound: Outbound, error: string): void {
    if (outbound.done) return;
    outbound.done = true;
    this.failed.push({ id: outbound.notice.id, error, attempted: true });
    this.options.log.warn({ notice: outbound.notice.id, to: maskMsisdn(outbound.notice.msisdn), error }, 'SMSC từ chối thông báo');
    this.options.onOutcome();
  }

  private backOff(outbound: Outbound, lane: CarrierLane, why: string): void {
    const now = Date.now();
    if (lane.pausedUntil <= now) {
      lane.pausedUntil = now + lane.backoffMs;
      this.options.log.info({ carrier: outbound.carrier, why, pauseMs: lane.backoffMs }, 'SMSC yêu cầu gửi chậm lại');
      clearTimeout(lane.resume);
      // The pause ends when the timer fires, not by the clock: a timer may fire a millisecond before
      // `Date.now()` reaches `pausedUntil`, and a pump that found the lane still paused would leave
      // it stalled with nothing left to wake it.
      lane.resume = setTimeout(() => {
        lane.pausedUntil = 0;
        this.pump(outbound.carrier);
      }, lane.backoffMs);
      lane.backoffMs = Math.min(BACKOFF_MAX_MS, lane.backoffMs * 2);
    }
    this.requeue(outbound, lane);
  }

  private requeue(outbound: Outbound, lane: CarrierLane): void {
    if (outbound.done || outbound.queued) return;
    outbound.queued = true;
    lane.queue.unshift(outbound);
  }
}

/** The text with the one-time code hidden: every run of 4 or more digits becomes stars. */
export function blankCode(text: string): string {
  return text.replace(/\d{4,}/g, (digits) => '*'.repeat(digits.length));
}
