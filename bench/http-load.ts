/**
 * HTTP load from this process with autocannon, against a server in another process: the same
 * connections, duration and request mix for tttb and for its peer, so only the server differs.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Called per request: method, path, headers and body of the next request. */
  next: () => { method: 'GET' | 'POST'; path: string; body?: string };
  /** Sent with every request besides the JSON content type (a session cookie, a CSRF token). */
  headers?: Record<string, string>;
}

/** Runs autocannon for the given time and returns throughput and latency percentiles. */
export async function loadTest(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        setupRequest: (request) => {
          const next = options.next();
          return { ...request, method: next.method, path: next.path, body: next.body, headers: { 'content-type': 'application/json', ...options.headers } };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
