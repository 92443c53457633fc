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
    const part = (seq: number) => ({ text: `p${seq}`, concat: { reference: 1, total: 2, seq } });
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
