import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePdu, encodePdu } from './pdu.ts';
import { ConcatAssembler, decodeText, encodeSms, encodeText, parseReceipt, readShortMessage, receiptText } from './short-message.ts';

/** What the other side reads from a submit_sm carrying this part. */
function received(shortMessage: Buffer, dataCoding: number, esmClass: number) {
  const decoded = decodePdu(encodePdu('submit_sm', { short_message: shortMessage, data_coding: dataCoding, esm_class: esmClass, sequence_number: 1 }));
  if (!decoded.ok) throw new Error(decoded.problem);
  return readShortMessage(decoded.pdu);
}

describe('short_message text', () => {
  it('gives back any GSM-7 or UCS-2 text it encodes', () => {
    const gsm = fc.string({ unit: fc.constantFrom(...'@£$¥èéΔ_ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà\n\f^{}\\[~]|€') });
    fc.assert(fc.property(gsm, (text) => decodeText(encodeText(text, 0), 0) === text));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => decodeText(encodeText(text, 8), 8) === text));
  });

  it('cuts a long reply into parts with one concatenation header that a handset puts back together', () => {
    const text = 'Thong tin thue bao: ' + 'x'.repeat(200);
    const encoded = encodeSms(text, 0x1a3);
    expect(encoded).toMatchObject({ dataCoding: 0, esmClass: 0x40 });
    expect(encoded.shortMessages.map((m) => [...m.subarray(0, 6)])).toEqual([
      [5, 0, 3, 0xa3, 2, 1],
      [5, 0, 3, 0xa3, 2, 2],
    ]);
    const assembler = new ConcatAssembler();
    const [first, second] = encoded.shortMessages.map((m) => received(m, encoded.dataCoding, encoded.esmClass));
    expect(assembler.add('0912345678', second!)).toBeNull();
    expect(assembler.add('0912345678', second!)).toBeNull(); // a part sent again counts once
    expect(assembler.add('0912345678', first!)).toEqual({ text, parts: 2 });
  });

  it('sends Vietnamese with diacritics as UCS-2, 67 characters per part', () => {
    const encoded = encodeSms('ệ'.repeat(100), 7);
    expect(encoded.dataCoding).toBe(8);
    expect(encoded.shortMessages.map((m) => m.length)).toEqual([6 + 134, 6 + 66]);
  });

  it('drops a long message whose parts never all arrive', () => {
    const assembler = new ConcatAssembler(1_000);
    const part = (seq: number) => ({ text: `p${seq}`, concat: { reference: 1, total: 2, seq }, unreadable: null });
    expect(assembler.add('a', part(1), 0)).toBeNull();
    expect(assembler.add('b', part(1), 5_000)).toBeNull(); // starting another one forgets the stale one
    expect(assembler.add('a', part(2), 5_001)).toBeNull();
  });
});

describe('delivery receipts', () => {
  it('reads what it writes: id, stat and done date', () => {
    const text = receiptText({
      messageId: 'abc123',
      stat: 'DELIVRD',
      submittedAt: new Date('2026-11-27T23:00:10Z'),
      doneAt: new Date('2026-11-27T23:01:20Z'),
      text: 'OK TTTB and some more text',
    });
    expect(text).toBe('id:abc123 sub:001 dlvrd:001 submit date:2611272300 done date:2611272301 stat:DELIVRD err:000 text:OK TTTB and some mor');
    expect(parseReceipt({ command: 'deliver_sm', command_id: 5, command_status: 0, sequence_number: 1 }, text)).toEqual({
      messageId: 'abc123',
      stat: 'DELIVRD',
      doneAt: '2026-11-27T23:01:00.000Z',
    });
  });

  it('prefers the receipted_message_id TLV and tolerates a text without dates', () => {
    const pdu = { command: 'deliver_sm', command_id: 5, command_status: 0, sequence_number: 1, receipted_message_id: 'tlv-id' };
    expect(parseReceipt(pdu, 'id:text-id stat:undeliv')).toEqual({ messageId: 'tlv-id', stat: 'UNDELIV', doneAt: null });
    expect(parseReceipt({ ...pdu, receipted_message_id: undefined }, 'no id here')).toBeNull();
  });
});

describe('short_message that cannot be read', () => {
  /** Every data_coding a PDU can carry, named ones first. */
  const dataCoding = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 8, 0xf0, 0xf4), fc.integer({ min: 0, max: 255 }));
  const esmClass = fc.constantFrom(0, 0x40, 0x43);
  const udh = fc.oneof(
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes)),
    fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([ref, total, seq]) => Buffer.from([5, 0, 3, ref, total, seq])),
  );
  const body = fc.uint8Array({ maxLength: 140 }).map((bytes) => Buffer.from(bytes));

  it('reads any octets in any data_coding, with or without a header, without throwing: text, or a reason it is unreadable', () => {
    fc.assert(
      fc.property(udh, body, dataCoding, esmClass, (header, octets, coding, esm) => {
        const sms = received(Buffer.concat([header, octets]).subarray(0, 254), coding, esm);
        expect(typeof sms.text).toBe('string');
        if (sms.unreadable !== null) expect(sms).toMatchObject({ text: '', concat: null });
        if (sms.concat) expect(sms.concat.seq >= 1 && sms.concat.seq <= sms.concat.total).toBe(true);
      }),
    );
  });

  it('says why: UCS-2 of an odd length or with a lone surrogate, binary or unknown codings, a broken header', () => {
    expect(received(Buffer.from([0x00, 0x54, 0x00]), 8, 0).unreadable).toMatch(/UCS-2/);
    expect(received(Buffer.from([0xd8, 0x00, 0x00, 0x54]), 8, 0).unreadable).toMatch(/surrogate/);
    expect(received(Buffer.from('TTTB'), 4, 0).unreadable).toMatch(/data_coding/);
    expect(received(Buffer.from('TTTB'), 2, 0).unreadable).toMatch(/data_coding/);
    expect(received(Buffer.from('TTTB'), 0xf4, 0).unreadable).toMatch(/data_coding/);
    expect(received(Buffer.from('TTTB'), 0x0b, 0).unreadable).toMatch(/data_coding/);
    expect(received(Buffer.from([9, 0, 3, 1]), 0, 0x40).unreadable).toMatch(/header/); // claims more than the bytes
    expect(received(Buffer.alloc(0), 0, 0x40).unreadable).toMatch(/header/);
    expect(received(Buffer.from([5, 0, 3, 1, 2, 0, 0x54]), 0, 0x40).unreadable).toMatch(/part/); // part 0
    expect(received(Buffer.from([5, 0, 3, 1, 2, 3, 0x54]), 0, 0x40).unreadable).toMatch(/part/); // part 3 of 2
    expect(received(Buffer.from([4, 0, 5, 1, 2, 0x54]), 0, 0x40).unreadable).toMatch(/header/); // IE runs past the header
    expect(received(Buffer.from([5, 0, 3, 1, 2, 1, 0x00, 0x54, 0x00]), 8, 0x40).unreadable).toMatch(/UCS-2/);
  });

  it('still reads what handsets send: GSM-7, IA5, Latin-1, UCS-2, GSM class codings, a header it does not know', () => {
    expect(received(Buffer.from('TTTB'), 0, 0)).toEqual({ text: 'TTTB', concat: null, unreadable: null });
    expect(received(Buffer.from('TTTB'), 1, 0).text).toBe('TTTB');
    expect(received(Buffer.from('TTTB'), 3, 0).text).toBe('TTTB');
    expect(received(Buffer.from('TTTB'), 0xf1, 0).text).toBe('TTTB');
    expect(received(Buffer.from('Tiếng', 'utf16le').swap16(), 8, 0).text).toBe('Tiếng');
    expect(received(Buffer.from([3, 0x24, 1, 0, ...Buffer.from('TTTB')]), 0, 0x40)).toEqual({ text: 'TTTB', concat: null, unreadable: null });
  });
});
