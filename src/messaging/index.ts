/** Messaging: the notice outbox (SMPP delivery comes with the self-check work). */
export { listNoticesOf, queueNotice, queueNotices, type NewNotice } from './notices.repository.ts';
