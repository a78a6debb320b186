/** Roles of product.md. A user may hold several; unit-bound roles use the user's unit. */
export const roles = ['institute_admin', 'track_coordinator', 'reviewer', 'unit_officer', 'unit_leader', 'mentor'] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  institute_admin: '学院管理员',
  track_coordinator: '类别牵头人',
  reviewer: '评审专家',
  unit_officer: '单位资助管理员',
  unit_leader: '分管领导',
  mentor: '育人导师/班主任',
};

/** Roles that only make sense with a unit (the user's own unit). */
export const unitBoundRoles: readonly Role[] = ['unit_officer', 'unit_leader', 'mentor', 'track_coordinator'];

export function isUnitBound(role: Role): boolean {
  return unitBoundRoles.includes(role);
}
