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

/** Octets → text, the inverse of {@link encodeText} (for octets {@link readShortMessage} found readable). */
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

/**
 * The alphabet a data_coding names, as {@link decodeText} takes it, or null for octets that are not
 * text: 8-bit binary (2, 4, and the GSM message-class group with its 8-bit bit, 0xF4–0xF7), the
 * national codings tttb does not read (JIS, Cyrillic, Hebrew, Kanji, KS C 5601) and the reserved
 * values. The message-class group 0xF0–0xF3 is GSM-7 with a display class (3GPP TS 23.038 §4).
 */
function textCoding(dataCoding: number): number | null {
  switch (dataCoding) {
    case DATA_CODING.DEFAULT:
    case DATA_CODING.IA5:
    case DATA_CODING.LATIN1:
    case DATA_CODING.UCS2:
      return dataCoding;
    default:
      return (dataCoding & 0xfc) === 0xf0 ? DATA_CODING.DEFAULT : null;
  }
}

/** Part `seq` of `total` of the message `reference` from one sender. */
export interface ConcatInfo {
  reference: number;
  total: number;
  seq: number;
}

/**
 * A received short_message: its text and, for a part of a long message, where it belongs. A
 * message whose octets are not readable text has text '' and no place, and says why.
 */
export interface ReceivedSms {
  text: string;
  concat: ConcatInfo | null;
  /** Why the octets cannot be read (for logs; never their content), or null when they were read. */
  unreadable: string | null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Reads the text (and concatenation header) of a decoded submit_sm / deliver_sm. Whatever the
 * octets are, it returns: octets that are not text in their data_coding, and a user data header
 * that does not fit or places a part nowhere, come back as unreadable (see {@link ReceivedSms}).
 */
export function readShortMessage(pdu: Pdu): ReceivedSms {
  const raw = shortMessageOf(pdu);
  const coding = textCoding(numberField(pdu, 'data_coding'));
  if (coding === null) return unreadable(`data_coding 0x${numberField(pdu, 'data_coding').toString(16)} is not text`);
  let body = raw;
  let concat: ConcatInfo | null = null;
  if ((numberField(pdu, 'esm_class') & ESM_CLASS.UDH) !== 0) {
    const headerEnd = 1 + (raw[0] ?? 0);
    if (raw.length === 0 || headerEnd > raw.length) return unreadable('user data header longer than the message');
    const header = concatInfo(raw.subarray(1, headerEnd));
    if (typeof header === 'string') return unreadable(header);
    concat = header;
    body = raw.subarray(headerEnd);
  }
  if (coding === DATA_CODING.UCS2) {
    if (body.length % 2 !== 0) return unreadable('UCS-2 text of an odd number of octets');
    const text = decodeText(body, coding);
    return LONE_SURROGATE.test(text) ? unreadable('UCS-2 text with a lone surrogate') : { text, concat, unreadable: null };
  }
  return { text: decodeText(body, coding), concat, unreadable: null };
}

function unreadable(why: string): ReceivedSms {
  return { text: '', concat: null, unreadable: why };
}

/** The short_message octets as received (header and text), e.g. to forward them unchanged. */
export function shortMessageOf(pdu: Pdu): Buffer {
  const field = pdu['short_message'];
  // A PDU with sm_length 0 may carry its text in the message_payload TLV (SMPP 3.4 §5.3.2.32).
  if (Buffer.isBuffer(field) && field.length > 0) return field;
  return Buffer.isBuffer(pdu['message_payload']) ? pdu['message_payload'] : Buffer.alloc(0);
}

/**
 * The concatenation information element (8-bit 0x00 or 16-bit 0x08 reference) of a user data
 * header, null when it has none, or what is wrong: an element running past the header, a part
 * numbered 0 or beyond the total (3GPP TS 23.040 §9.2.3.24.1). Other elements are skipped.
 */
function concatInfo(header: Buffer): ConcatInfo | null | string {
  let offset = 0;
  while (offset < header.length) {
    const iei = header[offset] ?? 0;
    const length = header[offset + 1] ?? 0;
    if (offset + 2 + length > header.length) return `user data header element 0x${iei.toString(16)} runs past the header`;
    const data = header.subarray(offset + 2, offset + 2 + length);
    let info: ConcatInfo | null = null;
    if (iei === IE_CONCAT_8BIT && data.length === 3) info = { reference: data[0] ?? 0, total: data[1] ?? 0, seq: data[2] ?? 0 };
    if (iei === IE_CONCAT_16BIT && data.length === 4) info = { reference: data.readUInt16BE(0), total: data[2] ?? 0, seq: data[3] ?? 0 };
    if (info) return info.seq >= 1 && info.seq <= info.total ? info : `concatenated part ${info.seq} of ${info.total}`;
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
