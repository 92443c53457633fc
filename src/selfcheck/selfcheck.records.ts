/**
 * Where self-check records go. A request inside a transaction (SMS, code, report) inserts its record
 * there, so it commits with the rest. The session-token request, the citizen page's hot path, hands
 * its record to a write-behind buffer instead: one multi-row insert per batch costs a few
 * microseconds a row, where an insert per request costs tens (measured on SQLite: ~7 µs against
 * ~70 µs), at the price of losing at most one flush interval of records if the process dies.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../db/open.ts';
import type { SelfCheckTable } from '../db/schema.ts';
import { insertSelfChecks } from './selfcheck.repository.ts';

export type SelfCheckRecord = Insertable<SelfCheckTable>;

/** Takes a record; the answer does not wait for it to be written. */
export type RecordSink = (record: SelfCheckRecord) => Promise<void> | void;

export interface RecordBuffer {
  /** Buffers a record (a {@link RecordSink}). */
  add: (record: SelfCheckRecord) => void;
  /** Writes what is buffered now. */
  flush(): Promise<void>;
  /** Flushes and stops the timer (the service's shutdown). */
  close(): Promise<void>;
}

export interface RecordBufferOptions {
  /** A batch is written at most this long after its first record. */
  flushMs: number;
  /** …or as soon as it holds this many records. */
  maxRows: number;
  /**
   * A failed write: its records are tried once more with the next batch (the database may be
   * back); if that fails too they are dropped, so one bad record cannot block every later one.
   */
  onError: (error: unknown, records: { retrying: number; dropped: number }) => void;
}

/** A write-behind buffer of self-check records on its own timer. */
export function createRecordBuffer(db: Database, options: RecordBufferOptions): RecordBuffer {
  let pending: SelfCheckRecord[] = [];
  let retry: SelfCheckRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const write = async (fresh: SelfCheckRecord[]) => {
    const again = retry;
    retry = [];
    if (again.length > 0) {
      try {
        await insertSelfChecks(db.kysely, again);
      } catch (error) {
        options.onError(error, { retrying: 0, dropped: again.length });
      }
    }
    if (fresh.length === 0) return;
    try {
      await insertSelfChecks(db.kysely, fresh);
    } catch (error) {
      retry = fresh;
      options.onError(error, { retrying: fresh.length, dropped: 0 });
    }
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    // Batches are written one after another, so a slow write never races the next.
    writing = writing.then(() => write(batch));
    return writing;
  };

  return {
    add(record) {
      pending.push(record);
      if (pending.length >= options.maxRows) void flush();
      else if (!timer) timer = setTimeout(() => void flush(), options.flushMs).unref();
    },
    flush,
    close: flush,
  };
}
