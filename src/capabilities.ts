/**
 * The composition root's one list: every capability the service plugs in, in order (their routes
 * under `/api/v1` and OpenAPI tags in this order; their jobs started by the service). A new
 * capability is a folder whose index.ts exports a `Capability`, and one line here. The contexts
 * below are what the service provides; the list's type checks that each capability's needs are in them.
 */
import type { Capability } from './capability.ts';
import type { Database } from './db/open.ts';
import { accessCapability, type AccessSettings } from './access/index.ts';
import type { DeploymentMode } from './db/schema.ts';
import { campaignCapability } from './campaign/index.ts';
import { figuresCapability } from './figures/index.ts';
import { reportsCapability } from './reports/index.ts';
import { clockCapability, type Clock, type Deployment } from './clock/index.ts';
import { carriersCapability } from './carriers/index.ts';
import { checksCapability } from './checks/index.ts';
import { registryCapability } from './registry/index.ts';
import { lookupCapability } from './lookup/index.ts';
import { roadmapCapability } from './roadmap/index.ts';
import { selfCheckCapability, type SelfCheckSettings } from './selfcheck/index.ts';
import { verificationCapability, type VerificationSettings } from './verification/attempts/index.ts';
import { reconciliationCapability } from './verification/reconciliation/index.ts';
import { targetGroupsCapability } from './verification/target-groups/index.ts';
import type { NationalIdService } from './verification/national-id/index.ts';
import type { OutboxSignal } from './messaging/index.ts';

/** What the routes' options are made from (db, reference data and clock are the app's decorations). */
export interface RouteContext {
  /** The National Population Database's verification service (simulator or HTTP client). */
  nationalId: NationalIdService;
  /** Wakes the SMS link when a one-time code is queued; undefined: codes go out on the next poll. */
  outbox: OutboxSignal | undefined;
  selfCheck: Partial<SelfCheckSettings>;
  verification: Partial<VerificationSettings>;
  access: Partial<AccessSettings>;
  /** The database's deployment mode: demo-only routes (the desk's simulated capture) are served by a demo. */
  mode: DeploymentMode;
}

/** What the jobs run with: the service's database, clock and settings (config.ts). */
export interface JobContext {
  db: Database;
  /** The deployment's clock (`deployment.clock`). */
  clock: Clock;
  deployment: Deployment;
  nationalId: NationalIdService;
  verification: Partial<VerificationSettings>;
  roadmapIntervalMs: number;
  reconcileIntervalMs: number;
}

export const CAPABILITIES: readonly Capability<RouteContext, JobContext>[] = [
  accessCapability,
  clockCapability,
  campaignCapability,
  figuresCapability,
  reportsCapability,
  checksCapability,
  registryCapability,
  lookupCapability,
  verificationCapability,
  targetGroupsCapability,
  carriersCapability,
  reconciliationCapability,
  roadmapCapability,
  selfCheckCapability,
];
