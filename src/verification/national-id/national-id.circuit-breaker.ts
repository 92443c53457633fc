/**
 * A circuit breaker for calls to the national service: after `threshold` consecutive failures it
 * opens and refuses calls at once (sparing a struggling service and our callers' time); after
 * `coolDownMs` it lets exactly one trial call through — success closes it, failure re-opens it.
 */

export interface CircuitBreakerOptions {
  threshold: number;
  coolDownMs: number;
  now: () => number;
}

/** `closed`: call normally; `trial`: the single half-open probe; `rejected`: do not call. */
export type CircuitPermit = 'closed' | 'trial' | 'rejected';

export type CircuitState = 'closed' | 'open' | 'half_open';

export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** The state as a caller would see it now (an open circuit past its cool-down reads half-open). */
  get currentState(): CircuitState {
    if (this.state === 'open' && this.coolDownOver()) return 'half_open';
    return this.state;
  }

  /** Asks to make a call; every permit other than `rejected` must be followed by a record call. */
  acquire(): CircuitPermit {
    if (this.state === 'closed') return 'closed';
    if (this.state === 'open' && this.coolDownOver()) {
      this.state = 'half_open';
      return 'trial';
    }
    return 'rejected'; // open, or half-open with its one trial in flight
  }

  recordSuccess(): void {
    this.state = 'closed';
    this.consecutiveFailures = 0;
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    if (this.state === 'half_open' || this.consecutiveFailures >= this.options.threshold) {
      this.state = 'open';
      this.openedAt = this.options.now();
    }
  }

  private coolDownOver(): boolean {
    return this.options.now() - this.openedAt >= this.options.coolDownMs;
  }
}
