import type { Me } from '../../../../contracts/auth.ts';
import type { UserDto } from '../../../../contracts/users.ts';
import { abilitiesOf } from '../../policies/abilities.ts';
import { toActor } from '../../plugins/auth.ts';
import type { Actor } from '../../policies/actor.ts';
import { userAbilities, type UserTarget } from '../../policies/user-policy.ts';
import type { UserListRow } from './users.repository.ts';

export function userTarget(row: UserListRow): UserTarget {
  return { id: row.id, unitId: row.unit_id, disabled: row.disabled_at !== null, roles: row.roles };
}

function presentIdentity(row: UserListRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    unit: row.unit_id ? { id: row.unit_id, name: row.unit_name ?? '' } : null,
    roles: row.roles,
    mustChangePassword: row.must_change_password,
  };
}

/** The signed-in user with the app-wide abilities that drive the menu. */
export function presentMe(row: UserListRow): Me {
  return { ...presentIdentity(row), abilities: abilitiesOf(toActor(row)) };
}

export function presentUser(actor: Actor, row: UserListRow): UserDto {
  return {
    ...presentIdentity(row),
    status: row.disabled_at ? 'disabled' : 'active',
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    abilities: userAbilities(actor, userTarget(row)),
  };
}
