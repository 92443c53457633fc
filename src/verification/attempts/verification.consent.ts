/**
 * Consent at a desk (docs/domain.md §9, Law 91/2025): a face template is sensitive personal data,
 * so the person in front of the operator must say yes to its processing, explicitly, every time.
 * Machine pushes (VNeID, a carrier's app) carry consent the person gave in that app: the
 * request's `consent` is not theirs to prove here.
 */
import type { Principal } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';

const CONSENT_MESSAGE = 'Người đến quầy cần đồng ý rõ ràng cho việc xử lý mẫu khuôn mặt và thông tin cá nhân trước khi xác thực.';

/**
 * Whether this request records a person's consent (a desk: a signed-in person), refusing a desk
 * request without `consent: true` before anything is counted or sent.
 * @throws AppError CONSENT_REQUIRED (400)
 */
export function requireDeskConsent(principal: Principal, consent: boolean | undefined): boolean {
  if (principal.kind !== 'user') return false;
  if (consent === true) return true;
  throw new AppError('CONSENT_REQUIRED', CONSENT_MESSAGE, { errors: [{ field: 'consent', message: CONSENT_MESSAGE }] });
}
