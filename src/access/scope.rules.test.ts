import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { checkScope } from './scope.rules.ts';

const communes = new Set(['30301', '30304']);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'SCOPE_INVALID') return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('account scopes', () => {
  it('names what the role needs in Vietnamese, never the code of the kind', () => {
    expect(refusal(() => checkScope('carrier_operator', [], communes))).toContain('nhà mạng');
    expect(refusal(() => checkScope('commune_officer', [{ kind: 'carrier', value: 'viettel' }], communes))).toContain('xã, phường, đặc khu');
    expect(refusal(() => checkScope('ca_provider', [], communes))).toContain('chứng thực chữ ký số');
    for (const message of [refusal(() => checkScope('carrier_operator', [], communes)), refusal(() => checkScope('commune_officer', [], communes))]) {
      expect(message).not.toMatch(/"(commune|carrier|provider)"/);
    }
  });

  it('keeps each entry once, trimmed, and refuses unknown communes and carriers by name', () => {
    expect(checkScope('commune_officer', [{ kind: 'commune', value: ' 30301' }, { kind: 'commune', value: '30301 ' }], communes)).toEqual([{ kind: 'commune', value: '30301' }]);
    expect(refusal(() => checkScope('commune_officer', [{ kind: 'commune', value: '99999' }], communes))).toContain('99999');
    expect(refusal(() => checkScope('carrier_system', [{ kind: 'carrier', value: 'acme' }], communes))).toContain('acme');
    expect(refusal(() => checkScope('province_viewer', [{ kind: 'commune', value: '30301' }], communes))).toContain('cấp tỉnh');
  });
});
