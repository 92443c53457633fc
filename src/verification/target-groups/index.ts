/** Target groups of the campaign: memberships, their end on verification, and counts. */
import { noOptions, routesAt, type Capability } from '../../capability.ts';
import { targetGroupRoutes } from './target-groups.routes.ts';

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
export { targetGroupRoutes };

export const targetGroupsCapability: Capability = {
  name: 'target-groups',
  tags: [{ name: 'target-groups', description: 'Nhóm thuê bao mục tiêu của chiến dịch' }],
  routes: [routesAt('/target-groups', targetGroupRoutes, noOptions)],
};
