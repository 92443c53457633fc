import { describe, expect, it } from 'vitest';
import { analyzeSms } from '../domain/index.ts';
import { roadmapNoticeText } from './roadmap.notices.ts';
import { DECREE_49_ROADMAP_SETTINGS, DEFAULT_ROADMAP_SETTINGS } from './roadmap.settings.ts';

describe('roadmap notices', () => {
  const steps = ['reminder', 'one_way', 'two_way', 'terminated'] as const;
  const reasons = ['mismatch', 'device_change'] as const;
  for (const settings of [DEFAULT_ROADMAP_SETTINGS, DECREE_49_ROADMAP_SETTINGS]) {
    for (const step of steps) {
      for (const reason of reasons) {
        it(`${step} (${reason}) is one GSM-7 SMS naming the masked number and the deadline`, () => {
          const text = roadmapNoticeText({ step, reason, msisdn: '0912345678', deadline: new Date('2026-06-09T16:30:00.000Z') }, settings);
          expect(analyzeSms(text)).toMatchObject({ encoding: 'gsm7', parts: 1 });
          expect(text).toContain('09******78');
          expect(text).not.toContain('0912345678');
          expect(text).toContain('09/06/2026 23:30');
        });
      }
    }
  }

  it('sends a two-way locked line to a store and names the handset change', () => {
    const deadline = new Date('2026-06-09T16:30:00.000Z');
    expect(roadmapNoticeText({ step: 'two_way', reason: 'mismatch', msisdn: '0912345678', deadline }, DEFAULT_ROADMAP_SETTINGS)).toContain(
      'cua hang nha mang',
    );
    expect(roadmapNoticeText({ step: 'one_way', reason: 'device_change', msisdn: '0912345678', deadline }, DEFAULT_ROADMAP_SETTINGS)).toContain(
      'doi may',
    );
  });
});
