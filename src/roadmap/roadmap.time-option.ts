/** Reading the `at` of a roadmap request (CLI option or query parameter), with a clear error. */
import { AppError } from '../errors.ts';
import { parseVietnamTime, type DateOnlyMeaning } from './vietnam-time.ts';

/** The instant `text` names, the clock's now when it is absent; AppError VALIDATION_FAILED when unreadable. */
export function readAt(text: string | undefined, dateOnly: DateOnlyMeaning, now: () => Date): Date {
  return text === undefined ? now() : parseAt(text, dateOnly);
}

/** The instant `text` names; AppError VALIDATION_FAILED when unreadable. */
export function parseAt(text: string, dateOnly: DateOnlyMeaning): Date {
  const at = parseVietnamTime(text, dateOnly);
  if (at === null) {
    throw new AppError(
      'VALIDATION_FAILED',
      `thời điểm "${text}" không hợp lệ: dùng ISO 8601 có múi giờ (2026-06-01T03:00:00Z) hoặc giờ Việt Nam YYYY-MM-DD HH:mm, YYYY-MM-DD, dd/mm/yyyy HH:mm`,
    );
  }
  return at;
}
