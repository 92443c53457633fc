/**
 * The one error the pages meet: a problem+json answer of the service (stable `code`, Vietnamese
 * `title`, per-field `errors`, `retryAfter` when limited), or the network failing (code NETWORK).
 */
import type { Messages } from '../i18n/messages.ts';
import type { components } from './schema';

type ProblemBody = components['schemas']['Problem'];

export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];
  /** Seconds to wait before trying again (429 answers). */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: Partial<ProblemBody> & { code: string; title: string }) {
    super(`${body.code}: ${body.title}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = body.code;
    this.title = body.title;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
    this.retryAfter = body.retryAfter;
  }
}

function isProblemBody(body: unknown): body is ProblemBody {
  return typeof body === 'object' && body !== null && typeof (body as ProblemBody).code === 'string' && typeof (body as ProblemBody).title === 'string';
}

/** The problem an error answer carries; an answer without one (a proxy's page) by its status. */
export function problemOf(response: Pick<Response, 'status' | 'statusText'>, body: unknown): ApiProblem {
  if (isProblemBody(body)) return new ApiProblem(response.status, body);
  const code = response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return new ApiProblem(response.status, { code, title: response.statusText || code });
}

export const networkProblem = (): ApiProblem => new ApiProblem(0, { code: 'NETWORK', title: 'NETWORK' });

/**
 * What to tell the person: the catalogue's text for the code in the page's language when it has
 * one, else the service's own (Vietnamese) title and detail. A limited answer's detail names its
 * wait, which the page counts down itself (`retryAfter`), so it is left out.
 */
export function problemMessage(error: unknown, m: Messages): string {
  if (!(error instanceof ApiProblem)) return m.problems['INTERNAL'] ?? String(error);
  const own = m.problems[error.code];
  if (own) return own;
  return error.detail && error.retryAfter === undefined ? `${error.title}: ${error.detail}` : error.title;
}

/**
 * A refusal's per-field messages as a form sets them (`Form.setFields`), for the fields the form
 * has: the service names fields as the request body does.
 */
export function fieldErrorsOf<Name extends string>(error: unknown, fields: readonly Name[]): { name: Name; errors: string[] }[] {
  if (!(error instanceof ApiProblem)) return [];
  return fields.flatMap((name) => {
    const messages = error.errors.filter((e) => e.field === name || e.field === `body.${name}`).map((e) => e.message);
    return messages.length > 0 ? [{ name, errors: messages }] : [];
  });
}
