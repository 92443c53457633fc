/**
 * The wire contract (docs/national-id-contract.md) as zod schemas: the HTTP server validates
 * requests with them, the client validates responses, and the simulator validates requests so
 * that both implementations refuse the same bad input.
 */
import { z } from 'zod';
import { birthDateFromIso } from '../../domain/index.ts';
import {
  FACE_TEMPLATE_DIMENSIONS,
  InvalidNationalIdRequestError,
  MAX_BATCH_SIZE,
  type BatchRecord,
  type BatchRecordAnswer,
  type VerifyAnswer,
  type VerifyRequest,
} from './national-id.port.ts';
import { BIRTH_DATE_COMPARISONS, FIELD_RESULTS, LIVENESS_METHODS, NAME_COMPARISONS, PERSONAL_DOCUMENT_KINDS, PRESENTATIONS } from '../../domain/index.ts';

const fieldResult = z.enum(FIELD_RESULTS);

const identityClaim = {
  documentNumber: z.string().regex(/^(\d{9}|\d{12})$/, 'expected 9 or 12 digits'),
  fullName: z.string().trim().min(1).max(200),
  birthDate: z.string().refine((v) => birthDateFromIso(v) !== null, 'expected an existing YYYY-MM-DD, YYYY-MM or YYYY'),
};

export const verifyRequestSchema = z.object({
  ...identityClaim,
  faceSample: z.object({ template: z.array(z.number().finite()).length(FACE_TEMPLATE_DIMENSIONS) }).nullable(),
  liveness: z
    .object({ method: z.enum(LIVENESS_METHODS), presentation: z.enum(PRESENTATIONS) })
    .nullable(),
}) satisfies z.ZodType<VerifyRequest>;

export const batchRequestSchema = z.object({
  records: z
    .array(z.object({ ref: z.string().min(1).max(100), ...identityClaim }))
    .max(MAX_BATCH_SIZE, `a batch carries at most ${MAX_BATCH_SIZE} records`)
    .refine((records) => new Set(records.map((r) => r.ref)).size === records.length, 'refs must be unique'),
});

const details = z.object({
  documentKind: z.enum(PERSONAL_DOCUMENT_KINDS),
  legacyDocumentKnown: z.boolean(),
  deceased: z.boolean(),
  name: z.enum(NAME_COMPARISONS).nullable(),
  birthDate: z.enum(BIRTH_DATE_COMPARISONS).nullable(),
});

const identityFields = { documentNumber: fieldResult, fullName: fieldResult, birthDate: fieldResult };

export const verifyAnswerSchema = z.object({
  fields: z.object({ ...identityFields, face: fieldResult }),
  faceScore: z.number().min(-1).max(1).nullable(),
  liveness: z.enum(['pass', 'fail', 'not_checked']),
  details,
}) satisfies z.ZodType<VerifyAnswer>;

export const batchAnswerSchema = z.object({
  results: z.array(
    z.object({
      ref: z.string(),
      fields: z.object({ ...identityFields, face: z.literal('not_checked') }),
      details,
    }) satisfies z.ZodType<BatchRecordAnswer>,
  ),
});

/**
 * Checks a verify request against the contract and returns only the contract's fields, so nothing
 * else a caller's object carries is sent on (data minimisation, docs/domain.md, "Personal data").
 * @throws InvalidNationalIdRequestError
 */
export function parseVerifyRequest(request: VerifyRequest): VerifyRequest {
  return dataOrThrow(verifyRequestSchema.safeParse(request));
}

/** Checks batch records against the contract, as {@link parseVerifyRequest} does. @throws InvalidNationalIdRequestError */
export function parseBatchRecords(records: readonly BatchRecord[]): BatchRecord[] {
  return dataOrThrow(batchRequestSchema.safeParse({ records })).records;
}

/** The contract's problems with a request, one readable line each (also the server's 400 body). */
export function describeProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
}

function dataOrThrow<T>(result: z.ZodSafeParseResult<T>): T {
  if (!result.success) throw new InvalidNationalIdRequestError(describeProblems(result.error));
  return result.data;
}
