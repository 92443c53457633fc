import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClientKeys, otpAllowance, OTP_LIMIT_WINDOW_MS, type OtpLimitSettings, type SentCode } from './selfcheck.otp-limits.ts';
import { DEFAULT_SELFCHECK_SETTINGS } from './selfcheck.settings.ts';

const T0 = Date.parse('2026-05-10T03:00:00.000Z');
const settingsArb = fc.record<OtpLimitSettings>({
  otpPerClientPerHour: fc.integer({ min: 1, max: 5 }),
  otpPerLinePerHour: fc.integer({ min: 1, max: 40 }),
  otpSpacingSeconds: fc.integer({ min: 1, max: 120 }),
  otpMaxSpacingSeconds: fc.integer({ min: 1, max: 900 }),
});
/** Requests to one number: seconds after the previous one, and which of a few clients asks. */
const requestsArb = fc.array(fc.record({ after: fc.integer({ min: 0, max: 400 }), client: fc.constantFrom('a', 'b', 'c', 'd', 'owner') }), {
  maxLength: 120,
});

/** Plays the requests against the rules; returns the codes sent. */
function play(requests: readonly { after: number; client: string }[], settings: OtpLimitSettings): SentCode[] {
  const sent: SentCode[] = [];
  let at = T0;
  for (const { after, client } of requests) {
    at += after * 1000;
    const recent = sent.filter((code) => Date.parse(code.createdAt) > at - OTP_LIMIT_WINDOW_MS);
    if (otpAllowance(recent, client, new Date(at), settings).allowed) sent.push({ createdAt: new Date(at).toISOString(), clientKey: client });
  }
  return sent;
}

describe('otpAllowance', () => {
  it('never sends more codes in an hour than the ceiling, nor more to one client than its limit', () => {
    fc.assert(
      fc.property(requestsArb, settingsArb, (requests, settings) => {
        const sent = play(requests, settings);
        for (const code of sent) {
          const start = Date.parse(code.createdAt);
          const inHour = sent.filter((c) => Date.parse(c.createdAt) >= start && Date.parse(c.createdAt) < start + OTP_LIMIT_WINDOW_MS);
          expect(inHour.length).toBeLessThanOrEqual(settings.otpPerLinePerHour);
          for (const client of new Set(inHour.map((c) => c.clientKey))) {
            expect(inHour.filter((c) => c.clientKey === client).length).toBeLessThanOrEqual(settings.otpPerClientPerHour);
          }
        }
      }),
    );
  });

  it('keeps two codes to one number at least the first spacing apart', () => {
    fc.assert(
      fc.property(requestsArb, settingsArb, (requests, settings) => {
        const times = play(requests, settings).map((c) => Date.parse(c.createdAt));
        for (let i = 1; i < times.length; i++) {
          expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(Math.min(settings.otpSpacingSeconds, settings.otpMaxSpacingSeconds) * 1000);
        }
      }),
    );
  });

  it('with the defaults, whatever strangers ask, the owner waits at most the longest spacing and then gets a code', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ after: fc.integer({ min: 0, max: 60 }), client: fc.string({ minLength: 1, maxLength: 3 }) }), { maxLength: 300 }), (strangers) => {
        const settings = DEFAULT_SELFCHECK_SETTINGS;
        const sent = play(strangers, settings);
        const at = T0 + strangers.reduce((sum, r) => sum + r.after, 0) * 1000;
        const recent = sent.filter((code) => Date.parse(code.createdAt) > at - OTP_LIMIT_WINDOW_MS);
        expect(recent.length).toBeLessThan(settings.otpPerLinePerHour);
        const first = otpAllowance(recent, 'owner', new Date(at), settings);
        if (first.allowed) return;
        expect(first).toMatchObject({ code: 'SELFCHECK_OTP_TOO_SOON' });
        expect(first.retryAfterSeconds).toBeLessThanOrEqual(settings.otpMaxSpacingSeconds);
        const later = at + first.retryAfterSeconds * 1000;
        const stillRecent = recent.filter((code) => Date.parse(code.createdAt) > later - OTP_LIMIT_WINDOW_MS);
        expect(otpAllowance(stillRecent, 'owner', new Date(later), settings)).toEqual({ allowed: true });
      }),
    );
  });

  it('tells a client at its limit when its oldest code of the hour leaves the window', () => {
    const settings = DEFAULT_SELFCHECK_SETTINGS;
    const sent = [0, 600, 1200].map((s) => ({ createdAt: new Date(T0 + s * 1000).toISOString(), clientKey: 'a' }));
    expect(otpAllowance(sent, 'a', new Date(T0 + 1800_000), settings)).toEqual({ allowed: false, code: 'SELFCHECK_OTP_LIMIT', retryAfterSeconds: 1800 });
    expect(otpAllowance(sent, 'b', new Date(T0 + 1800_000), settings)).toEqual({ allowed: true });
  });
});

describe('createClientKeys', () => {
  it('keys one address the same on every instance with one secret, and never as the address', () => {
    const secret = 'x'.repeat(32);
    const [one, two, other] = [createClientKeys(secret), createClientKeys(secret), createClientKeys('y'.repeat(32))];
    expect(one('203.0.113.7')).toBe(two('203.0.113.7'));
    expect(one('203.0.113.7')).not.toBe(other('203.0.113.7'));
    expect(one('203.0.113.7')).not.toBe(one('203.0.113.8'));
    expect(one('203.0.113.7')).not.toContain('203');
  });
});
