import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './national-id.circuit-breaker.ts';

describe('circuit breaker', () => {
  const make = () => {
    let now = 0;
    const breaker = new CircuitBreaker({ threshold: 3, coolDownMs: 1_000, now: () => now });
    return { breaker, advance: (ms: number) => (now += ms) };
  };

  it('opens after the threshold of consecutive failures, not before', () => {
    const { breaker } = make();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess(); // a success in between resets the count
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.acquire()).toBe('closed');
    breaker.recordFailure();
    expect(breaker.currentState).toBe('open');
    expect(breaker.acquire()).toBe('rejected');
  });

  it('allows one trial after the cool-down; its success closes the circuit', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(999);
    expect(breaker.acquire()).toBe('rejected');
    advance(1);
    expect(breaker.currentState).toBe('half_open');
    expect(breaker.acquire()).toBe('trial');
    expect(breaker.acquire()).toBe('rejected'); // only one trial at a time
    breaker.recordSuccess();
    expect(breaker.currentState).toBe('closed');
    expect(breaker.acquire()).toBe('closed');
  });

  it('re-opens for a full cool-down when the trial fails', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(1_000);
    expect(breaker.acquire()).toBe('trial');
    breaker.recordFailure();
    expect(breaker.currentState).toBe('open');
    advance(999);
    expect(breaker.acquire()).toBe('rejected');
    advance(1);
    expect(breaker.acquire()).toBe('trial');
  });
});
