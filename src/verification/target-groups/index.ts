/** Target groups of the campaign: memberships, their end on verification, and counts. */
export {
  countTargetGroups,
  endMembershipsOnVerification,
  enterTargetGroup,
  enterTargetGroups,
  type EnteredSummary,
  type TargetGroupCount,
  type TargetGroupEntry,
} from './target-groups.service.ts';
export { COUNT_DIMENSIONS, type CountDimension, type MembershipKey } from './target-groups.repository.ts';
export { targetGroupRoutes } from './target-groups.routes.ts';
