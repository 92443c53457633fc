/**
 * Logger options shared by the service and the CLI. Personal data never reaches a log in clear
 * (docs/domain.md): known personal fields are redacted wherever they appear, a request is logged
 * with its route's pattern (`/api/v1/lines/:id`) instead of its URL, and numbers that could be
 * a phone or ID number are masked in logged errors, whose messages may quote what a client sent.
 */
import { stdSerializers, type LoggerOptions } from 'pino';

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

const CENSOR = '[ẩn]';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/**
 * Nine digits or more, one space, dot or hyphen allowed between any two, with an optional `+`:
 * every way of writing a phone number (0…, 84…, +84…, 912 345 678) or a CMND / CCCD number.
 */
const PERSONAL_NUMBER = /\+?\d(?:[ .-]?\d){8,}/gu;

/** `text` with every digit run that could be a phone or ID number replaced by the censor. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBER, CENSOR);
}

/**
 * The path of a request no route matched, for the log: a segment that is not a short plain word
 * (digits, capitals, percent-escapes — a number or a name someone typed) becomes `*`.
 */
export function unmatchedPathForLog(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .map((segment) => (/^[a-z._-]*\d{0,2}[a-z._-]*$/u.test(segment) ? segment : '*'))
    .join('/');
}

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  routeOptions?: { url?: string };
}

/** Errors are logged with their type, code and stack, with personal numbers masked in every text. */
function maskedError(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if (!(value instanceof Error)) return value;
  // The socket's raw bytes that an HTTP parse error carries hold the request line.
  const { rawPacket: _rawPacket, ...serialized } = stdSerializers.err(value) as ReturnType<typeof stdSerializers.err> & { rawPacket?: unknown };
  return Object.fromEntries(
    Object.entries(serialized).map(([key, field]) => [key, typeof field === 'string' ? maskPersonalNumbers(field) : field]),
  );
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: {
      req(req: LoggedRequest) {
        return { id: req.id, method: req.method, url: req.routeOptions?.url ?? unmatchedPathForLog(req.url) };
      },
      err: maskedError,
      error: maskedError,
    },
  };
}
