import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { Role } from '../../../contracts/roles.ts';
import type { UserAbilities } from '../../../contracts/users.ts';
import { isInstituteAdmin, type Actor } from './actor.ts';

/** The facts about a target user the rules look at. */
export interface UserTarget {
  id: number;
  unitId: number | null;
  disabled: boolean;
  roles: readonly Role[];
}

export function whyNotListUsers(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

export function whyNotCreateUser(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

export function whyNotUpdateUser(actor: Actor, _target: UserTarget, change?: { roles?: readonly Role[] }): ReasonCode | null {
  if (!isInstituteAdmin(actor)) return 'not_institute_admin';
  if (change?.roles && actor.id === _target.id && !change.roles.includes('institute_admin')) return 'cannot_remove_own_admin';
  return null;
}

export function whyNotDisableUser(actor: Actor, target: UserTarget): ReasonCode | null {
  if (!isInstituteAdmin(actor)) return 'not_institute_admin';
  if (actor.id === target.id) return 'cannot_disable_self';
  if (target.disabled) return 'already_disabled';
  return null;
}

export function whyNotEnableUser(actor: Actor, target: UserTarget): ReasonCode | null {
  if (!isInstituteAdmin(actor)) return 'not_institute_admin';
  if (!target.disabled) return 'already_enabled';
  return null;
}

export function whyNotResetPassword(actor: Actor, _target: UserTarget): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

export function userAbilities(actor: Actor, target: UserTarget): UserAbilities {
  return {
    update: whyNotUpdateUser(actor, target) === null,
    disable: whyNotDisableUser(actor, target) === null,
    enable: whyNotEnableUser(actor, target) === null,
    resetPassword: whyNotResetPassword(actor, target) === null,
  };
}
