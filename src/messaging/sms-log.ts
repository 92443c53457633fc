/**
 * The logger the SMS link writes to: a pino logger (the service's, or one a test builds). Phone
 * numbers are always masked with maskMsisdn before they reach it.
 */
export interface SmsLog {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
  child(bindings: Record<string, unknown>): SmsLog;
}
