import fc from 'fast-check';
import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { decodePdu, encodePdu, statusName, STATUS } from './pdu.ts';

const cstring = fc.string({ unit: fc.constantFrom(...'0123456789abcdefTTB +'), maxLength: 20 });
const octet = fc.integer({ min: 0, max: 255 });

describe('SMPP PDU codec', () => {
  it('decodes what it encodes for submit_sm / deliver_sm, and the smpp package reads the same bytes alike', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('submit_sm', 'deliver_sm'),
        fc.record({ source_addr: cstring, destination_addr: cstring, esm_class: octet, data_coding: octet, registered_delivery: octet }),
        fc.uint8Array({ maxLength: 160 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        (command, fields, message, sequence) => {
          const bytes = encodePdu(command, { ...fields, short_message: Buffer.from(message), sequence_number: sequence });
          const decoded = decodePdu(bytes);
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.pdu).toMatchObject({ command, sequence_number: sequence, ...fields, short_message: Buffer.from(message) });
          const theirs = new smpp.PDU(bytes);
          expect({ source: theirs['source_addr'], destination: theirs['destination_addr'], length: theirs.command_length }).toEqual({
            source: fields.source_addr,
            destination: fields.destination_addr,
            length: bytes.length,
          });
        },
      ),
    );
  });

  it('never throws on arbitrary bytes behind a valid header: a PDU or a reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(0x04, 0x05, 0x09, 0x15, 0x80000004, 0x80000005, 0x80000009, 0x99), fc.uint8Array({ maxLength: 300 }), (commandId, body) => {
        const frame = Buffer.alloc(16 + body.length);
        frame.writeUInt32BE(frame.length, 0);
        frame.writeUInt32BE(commandId, 4);
        Buffer.from(body).copy(frame, 16);
        const decoded = decodePdu(frame);
        expect(typeof decoded.ok).toBe('boolean');
      }),
    );
  });

  it('sends an error response without a body, and names statuses as logs show them', () => {
    const bytes = encodePdu('submit_sm_resp', { command_status: STATUS.RTHROTTLED, sequence_number: 3, message_id: 'x' });
    expect(bytes.length).toBe(16);
    expect(decodePdu(bytes)).toMatchObject({ ok: true, pdu: { command: 'submit_sm_resp', command_status: 0x58 } });
    expect(statusName(STATUS.RINVDSTADR)).toBe('ESME_RINVDSTADR (0x0000000B)');
  });
});
