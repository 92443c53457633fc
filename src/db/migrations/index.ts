import type { Migration } from 'kysely';
import { foundation } from './0001_foundation.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so migrations run the same
 * from TypeScript sources, a bundle or a test runner.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
};
