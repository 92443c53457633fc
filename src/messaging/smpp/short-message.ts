/**
 * The short_message field: text ↔ octets (GSM-7 unpacked for data_coding 0, UCS-2 for 8), long
 * texts cut into concatenated parts with a user data header (3GPP TS 23.040 §9.2.3.24.1), parts put
 * back together on the receiving side, and the text of SMPP 3.4 delivery receipts (Appendix B).
 */
import { splitSms } from '../../domain/index.ts';
import { numberField, type Pdu } from './pdu.ts';

/** data_coding values (SMPP 3.4 §5.2.19). */
export const DATA_CODING = { DEFAULT: 0x00, IA5: 0x01, LATIN1: 0x03, UCS2: 0x08 } as const;
/** esm_class bits: the message is a delivery receipt; short_message starts with a UDH. */
export const ESM_CLASS = { RECEIPT: 0x04, UDH: 0x40 } as const;

const IE_CONCAT_8BIT = 0x00;
const IE_CONCAT_16BIT = 0x08;

/** A text ready for submit_sm / deliver_sm: one short_message per part. */
export interface EncodedSms {
  dataCoding: number;
  /** esm_class bits to add (UDH indicator when there are several parts). */
  esmClass: number;
  shortMessages: Buffer[];
}

/**
 * Encodes a text as SMS parts: GSM-7 when it fits the default alphabet, UCS-2 otherwise; more than
 * one part gets a concatenation header with reference `reference` (0–255; the same reference for
 * every send of the same message lets a handset put a resent part in its place).
 */
export function encodeSms(text: string, reference: number): EncodedSms {
  const { encoding, parts } = splitSms(text);
  const dataCoding = encoding === 'gsm7' ? DATA_CODING.DEFAULT : DATA_CODING.UCS2;
  const bodies = parts.map((part) => encodeText(part, dataCoding));
  if (bodies.length === 1) return { dataCoding, esmClass: 0, shortMessages: bodies };
  const total = bodies.length;
  return {
    dataCoding,
    esmClass: ESM_CLASS.UDH,
    shortMessages: bodies.map((body, i) => Buffer.concat([Buffer.from([5, IE_CONCAT_8BIT, 3, reference & 0xff, total, i + 1]), body])),
  };
}

// GSM 03.38 default alphabet by code (0x1B is the escape to the extension table), and the
// extension table's characters by the code that follows the escape.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'], [0x3c, '['], [0x3d, '~'], [0x3e, ']'], [0x40, '|'], [0x65, '€'],
]);
const GSM_ESCAPE = 0x1b;
const GSM_CODES = new Map<string, number[]>([
  ...[...GSM_BASIC].map((ch, code): [string, number[]] => [ch, [code]]),
  ...[...GSM_EXTENSION].map(([code, ch]): [string, number[]] => [ch, [GSM_ESCAPE, code]]),
]);

/**
 * Text → octets in the given data_coding: GSM-7 unpacked (one septet per octet, as SMPP carries
 * it; a character outside the alphabet becomes `?`), UCS-2 big-endian, else Latin-1.
 */
export function encodeText(text: string, dataCoding: number): Buffer {
  if (dataCoding === DATA_CODING.DEFAULT || dataCoding === DATA_CODING.IA5) {
    const codes: number[] = [];
    for (const ch of text) codes.push(...(GSM_CODES.get(ch) ?? [0x3f]));
    return Buffer.from(codes);
  }
  if (dataCoding === DATA_CODING.UCS2) return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'latin1');
}

/** Octets → text, the inverse of {@link encodeText}. */
export function decodeText(octets: Buffer, dataCoding: number): string {
  if (dataCoding === DATA_CODING.UCS2) return Buffer.from(octets).swap16().toString('utf16le');
  if (dataCoding !== DATA_CODING.DEFAULT && dataCoding !== DATA_CODING.IA5) return octets.toString('latin1');
  let text = '';
  for (let i = 0; i < octets.length; i++) {
    const code = (octets[i] ?? 0) & 0x7f;
    if (code === GSM_ESCAPE && i + 1 < octets.length) {
      i += 1;
      text += GSM_EXTENSION.get((octets[i] ?? 0) & 0x7f) ?? ' ';
    } else {
      text += GSM_BASIC[code] ?? ' ';
    }
  }
  return text;
}

/** Part `seq` of `total` of the message `reference` from one sender. */
export interface ConcatInfo {
  reference: number;
  total: number;
  seq: number;
}

/** A received short_message: its text and, for a part of a long message, where it belongs. */
export interface ReceivedSms {
  text: string;
  concat: ConcatInfo | null;
}

/** Reads the text (and concatenation header) of a decoded submit_sm / deliver_sm. */
export function readShortMessage(pdu: Pdu): ReceivedSms {
  const raw = shortMessageOf(pdu);
  const dataCoding = numberField(pdu, 'data_coding') & 0x0f;
  if ((numberField(pdu, 'esm_class') & ESM_CLASS.UDH) === 0 || raw.length === 0) return { text: decodeText(raw, dataCoding), concat: null };
  const headerEnd = 1 + (raw[0] ?? 0);
  return { text: decodeText(raw.subarray(headerEnd), dataCoding), concat: concatInfo(raw.subarray(1, headerEnd)) };
}

/** The short_message octets as received (header and text), e.g. to forward them unchanged. */
export function shortMessageOf(pdu: Pdu): Buffer {
  const field = pdu['short_message'];
  // A PDU with sm_length 0 may carry its text in the message_payload TLV (SMPP 3.4 §5.3.2.32).
  if (Buffer.isBuffer(field) && field.length > 0) return field;
  return Buffer.isBuffer(pdu['message_payload']) ? pdu['message_payload'] : Buffer.alloc(0);
}

/** Concatenation information elements (8-bit 0x00 and 16-bit 0x08 reference) of a user data header. */
function concatInfo(header: Buffer): ConcatInfo | null {
  let offset = 0;
  while (offset + 2 <= header.length) {
    const iei = header[offset] ?? 0;
    const length = header[offset + 1] ?? 0;
    const data = header.subarray(offset + 2, offset + 2 + length);
    if (iei === IE_CONCAT_8BIT && data.length === 3) return { reference: data[0] ?? 0, total: data[1] ?? 1, seq: data[2] ?? 1 };
    if (iei === IE_CONCAT_16BIT && data.length === 4) return { reference: data.readUInt16BE(0), total: data[2] ?? 1, seq: data[3] ?? 1 };
    offset += 2 + length;
  }
  return null;
}

/**
 * Puts long messages back together per sender (or recipient) and reference: a message counts once,
 * when its last missing part arrives; a part received twice is kept once.
 */
export class ConcatAssembler {
  private readonly partial = new Map<string, { parts: (string | undefined)[]; missing: number; startedAt: number }>();

  /** @param maxAgeMs a message whose parts do not all arrive within this long is dropped. */
  constructor(private readonly maxAgeMs = 10 * 60_000) {}

  /** Adds a part; returns the whole text once complete (at once for a single-part message), else null. */
  add(party: string, sms: ReceivedSms, now = Date.now()): { text: string; parts: number } | null {
    if (!sms.concat || sms.concat.total <= 1) return { text: sms.text, parts: 1 };
    const { reference, total, seq } = sms.concat;
    const key = `${party}:${reference}:${total}`;
    let entry = this.partial.get(key);
    if (!entry) {
      this.dropStale(now);
      entry = { parts: new Array<string | undefined>(total).fill(undefined), missing: total, startedAt: now };
      this.partial.set(key, entry);
    }
    if (seq >= 1 && seq <= total && entry.parts[seq - 1] === undefined) {
      entry.parts[seq - 1] = sms.text;
      entry.missing -= 1;
    }
    if (entry.missing > 0) return null;
    this.partial.delete(key);
    return { text: entry.parts.join(''), parts: total };
  }

  /** Forgets incomplete messages older than maxAgeMs (the map keeps insertion order: oldest first). */
  private dropStale(now: number): void {
    for (const [key, entry] of this.partial) {
      if (now - entry.startedAt <= this.maxAgeMs) return;
      this.partial.delete(key);
    }
  }
}

/** What a delivery receipt says about a message the SMSC took. */
export interface DeliveryReceipt {
  messageId: string;
  /** DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD. */
  stat: string;
  /** ISO instant of `done date`, or null when absent or unreadable. */
  doneAt: string | null;
}

/** `YYMMDDhhmm` in UTC, the receipt's date format. */
function receiptDate(at: Date): string {
  return at.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d).*$/, '$1$2$3$4$5');
}

/** The text of a receipt, in the de-facto format of SMPP 3.4 Appendix B. */
export function receiptText(receipt: { messageId: string; stat: string; submittedAt: Date; doneAt: Date; text: string; err?: string }): string {
  return (
    `id:${receipt.messageId} sub:001 dlvrd:${receipt.stat === 'DELIVRD' ? '001' : '000'} ` +
    `submit date:${receiptDate(receipt.submittedAt)} done date:${receiptDate(receipt.doneAt)} ` +
    `stat:${receipt.stat} err:${receipt.err ?? '000'} text:${receipt.text.slice(0, 20)}`
  );
}

/**
 * Reads a receipt deliver_sm: the receipted_message_id TLV when present (SMPP 3.4 §5.3.2.12), else
 * the `id:` of the text; `stat:` from the text. Null when neither gives an id.
 */
export function parseReceipt(pdu: Pdu, text: string): DeliveryReceipt | null {
  const tlvId = typeof pdu['receipted_message_id'] === 'string' ? pdu['receipted_message_id'] : '';
  const textId = /(?:^|\s)id:(\S+)/i.exec(text)?.[1] ?? '';
  const messageId = tlvId || textId;
  if (!messageId) return null;
  const stat = /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? 'UNKNOWN';
  const done = /\bdone date:(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?/i.exec(text);
  const doneAt = done ? new Date(`20${done[1]}-${done[2]}-${done[3]}T${done[4]}:${done[5]}:${done[6] ?? '00'}Z`) : null;
  return { messageId, stat, doneAt: doneAt && !Number.isNaN(doneAt.getTime()) ? doneAt.toISOString() : null };
}
