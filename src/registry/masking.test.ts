import { describe, expect, it } from 'vitest';
import { maskBirthDate, maskDocumentNumber, maskName } from './masking.ts';

describe('masks', () => {
  it('keeps enough to recognise, not to identify', () => {
    expect(maskDocumentNumber('089090001245')).toBe('089*******45');
    expect(maskDocumentNumber('351234567')).toBe('351****67');
    expect(maskDocumentNumber('B12')).toBe('***');
    expect(maskName('  Nguyễn  Văn hòa ')).toBe('N. V. H.');
    expect(maskName('Đặng Thị Ánh')).toBe('Đ. T. Á.');
    // An invisible or bidirectional character carried in with the name is no one's initial.
    expect(maskName('\u202ENguyễn\u200B Văn\u00A0Hòa')).toBe('N. V. H.');
    expect(maskBirthDate('1990-05-09')).toBe('1990');
  });
});
