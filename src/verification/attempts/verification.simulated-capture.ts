/**
 * The demo desk's simulated capture: what the desk's camera would send for whoever stands in front
 * of it, so a demo desk can verify without a capture device (the route exists in a demo only). It
 * is a desk's act on a line of the desk's reach, as the verification it prepares.
 */
import { requireAction } from '../../access/index.ts';
import type { Database } from '../../db/open.ts';
import { maskMsisdn, type Principal, type ReferenceData, type SimulatedStandIn } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';
import { loadReferenceData } from '../../reference/index.ts';
import { simulatedCapture, type SimulatedCapture } from '../national-id/index.ts';
import { parseMsisdn } from './verification.input.ts';
import { findLine } from './verification.repository.ts';

export interface SimulatedCaptureRequest {
  msisdn: string;
  documentNumber: string;
  standIn: SimulatedStandIn;
}

/** @throws AppError FORBIDDEN, MSISDN_INVALID, SUBSCRIBER_NOT_FOUND (also a line outside the principal's scope) */
export async function captureAtDesk(
  db: Database,
  principal: Principal,
  request: SimulatedCaptureRequest,
  reference: ReferenceData = loadReferenceData(),
): Promise<SimulatedCapture> {
  requireAction(principal, 'verification.desk');
  const msisdn = parseMsisdn(request.msisdn, reference);
  if (!(await findLine(db.kysely, { msisdn }, principal.scope))) throw new AppError('SUBSCRIBER_NOT_FOUND', `Không có thuê bao ${maskMsisdn(msisdn)}`);
  return simulatedCapture(db, request.documentNumber, request.standIn);
}
