import { describe, expect, it } from 'vitest';
import { MSISDN_SOURCE_NOTES_VI } from '../domain/index.ts';
import { REFERENCE_FIXTURE as ref } from '../domain/reference-data.fixture.ts';
import { checkPhone } from './checks.service.ts';

describe('checkPhone: which sources know the number', () => {
  it('answers a number both know without a note', () => {
    expect(checkPhone(ref, '0912 345 678')).toEqual({
      valid: true,
      msisdn: '0912345678',
      carrier: 'vinaphone',
      knownBy: 'both',
      note: null,
      reasons: [],
      messages: [],
    });
  });

  it('accepts a number only the numbering plan knows, without a carrier, asking the carrier to confirm it', () => {
    expect(checkPhone(ref, '+84 95 123 4567')).toMatchObject({
      valid: true,
      msisdn: '0951234567',
      carrier: null,
      knownBy: 'numbering_plan',
      note: MSISDN_SOURCE_NOTES_VI.numbering_plan,
    });
  });

  it('accepts a number only the prefix table knows, with its carrier, asking the carrier to confirm it', () => {
    expect(checkPhone(ref, '0891234567')).toMatchObject({
      valid: true,
      carrier: 'mobifone',
      knownBy: 'carrier_table',
      note: MSISDN_SOURCE_NOTES_VI.carrier_table,
    });
  });

  it('gives no source and no note for a number it rejects', () => {
    expect(checkPhone(ref, '0501234567')).toMatchObject({ valid: false, knownBy: null, note: null, reasons: ['unknown_prefix'] });
  });
});
