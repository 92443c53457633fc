/**
 * Wakes the outbox dispatcher when a notice somebody is waiting for (a one-time code) has just been
 * queued, instead of leaving it to the next poll. The HTTP app is built before the SMS link starts,
 * so the signal is created first and connected to the link once it runs; until then, and when no
 * link runs at all, a notification does nothing and the poll still sends the notice.
 */
export interface OutboxSignal {
  /** Call after the transaction that queued the notice has committed. */
  notify(): void;
  /** Where notifications go from now on (the SMS link's kick). */
  connect(listener: () => void): void;
}

/** A signal with no listener yet. */
export function createOutboxSignal(): OutboxSignal {
  let listener: (() => void) | undefined;
  return {
    notify: () => listener?.(),
    connect(next) {
      listener = next;
    },
  };
}
