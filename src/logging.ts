/**
 * Logger options shared by the service and the CLI. Personal data never reaches a log in clear:
 * known personal fields are redacted wherever they appear, and request URLs are logged without
 * their query string (which may carry a phone or ID number).
 */
import type { LoggerOptions } from 'pino';

/** Field names that hold personal data, at any of the first levels of a logged object. */
const PERSONAL_FIELDS = [
  'msisdn',
  'phone',
  'number',
  'document_number',
  'documentNumber',
  'personal_id',
  'personalId',
  'full_name',
  'fullName',
  'name',
  'birth_date',
  'birthDate',
  'imei',
  'password',
  'otp',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[ẩn]' },
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { id: req.id, method: req.method, url: req.url.split('?')[0] };
      },
    },
  };
}
