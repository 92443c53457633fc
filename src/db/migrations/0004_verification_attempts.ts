import type { Kysely, Migration } from 'kysely';

/** Verification attempts, OTP challenges (filled in by the verification-attempts work). */
export const verificationAttempts: Migration = {
  async up(_db: Kysely<unknown>) {},
};
