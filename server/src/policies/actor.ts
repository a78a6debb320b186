import type { Role } from '../../../contracts/roles.ts';

/** The signed-in user as the policies see them: loaded once per request. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  unitId: number | null;
  roles: ReadonlySet<Role>;
  mustChangePassword: boolean;
}

export const hasRole = (actor: Actor, role: Role) => actor.roles.has(role);
export const isInstituteAdmin = (actor: Actor) => actor.roles.has('institute_admin');
