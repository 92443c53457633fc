import { describe, expect, it } from 'vitest';
import { en, vi } from '../i18n/messages.ts';
import { ApiProblem, fieldErrorsOf, networkProblem, problemMessage, problemOf } from './problem.ts';

const weak = new ApiProblem(400, {
  code: 'PASSWORD_WEAK',
  title: 'Mật khẩu mới chưa đủ mạnh',
  detail: 'ít nhất 10 ký tự',
  errors: [{ field: 'newPassword', message: 'ít nhất 10 ký tự' }],
});

describe('problemMessage', () => {
  it('tells the service\'s Vietnamese title and detail, or the catalogue\'s text in English', () => {
    expect(problemMessage(weak, vi)).toBe('Mật khẩu mới chưa đủ mạnh: ít nhất 10 ký tự');
    expect(problemMessage(weak, en)).toBe('The new password is not strong enough.');
    expect(problemMessage(networkProblem(), vi)).toContain('Không kết nối được');
  });

  it('leaves out the detail of a limited answer, whose wait the page counts down', () => {
    const limited = new ApiProblem(429, { code: 'SELFCHECK_OTP_TOO_SOON', title: 'Số này vừa được gửi mã', detail: 'thử lại sau 30 giây', retryAfter: 30 });
    expect(problemMessage(limited, vi)).toBe('Số này vừa được gửi mã');
  });
});

describe('problemOf', () => {
  it('reads a problem+json answer, and names an answer without one by its status', () => {
    const response = new Response(null, { status: 502, statusText: 'Bad Gateway' });
    expect(problemOf(response, '<html>proxy</html>')).toMatchObject({ status: 502, code: 'INTERNAL' });
    expect(problemOf(new Response(null, { status: 400 }), { code: 'PASSWORD_WEAK', title: 'x', errors: [] })).toMatchObject({ code: 'PASSWORD_WEAK' });
  });
});

describe('fieldErrorsOf', () => {
  it('gives the form the messages of its own fields only', () => {
    expect(fieldErrorsOf(weak, ['currentPassword', 'newPassword'])).toEqual([{ name: 'newPassword', errors: ['ít nhất 10 ký tự'] }]);
    expect(fieldErrorsOf(new Error('x'), ['newPassword'])).toEqual([]);
  });
});
