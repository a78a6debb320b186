import type { UserDto } from '../../../../contracts/users.ts';
import type { Actor } from '../../policies/actor.ts';
import { userAbilities, type UserTarget } from '../../policies/user-policy.ts';
import type { UserListRow } from './users.repository.ts';

export function userTarget(row: UserListRow): UserTarget {
  return { id: row.id, unitId: row.unit_id, disabled: row.disabled_at !== null, roles: row.roles };
}

export function presentUser(actor: Actor, row: UserListRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    unit: row.unit_id ? { id: row.unit_id, name: row.unit_name ?? '' } : null,
    roles: row.roles,
    status: row.disabled_at ? 'disabled' : 'active',
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    abilities: userAbilities(actor, userTarget(row)),
  };
}
