import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Column types as the application sees them; the migrations are the truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** DATE columns come back as 'YYYY-MM-DD' strings (type parser set in database.ts). */
type DateOnly = ColumnType<string, string | undefined, string>;

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: 'institute' | 'branch' | 'site';
  city: string;
  region: ColumnType<'south' | 'central' | 'north' | null, never, never>;
  address: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  unit_id: number | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Date | null;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  disabled_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_user_id: number | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  summary: Json<Record<string, unknown>>;
}

export interface UnitPairingsTable {
  id: Generated<number>;
  kind: 'north_south' | 'urban_rural';
  unit_a_id: number;
  unit_b_id: number;
  started_on: DateOnly | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface CampaignsTable {
  id: Generated<number>;
  year: number;
  title: string;
  status: Generated<'draft' | 'open' | 'reviewing' | 'closed'>;
  notice_text: string | null;
  summary_due_on: DateOnly | null;
  settings: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TracksTable {
  id: Generated<number>;
  campaign_id: number;
  code: string;
  name: string;
  kind: 'case' | 'ambassador';
  host_unit_id: number | null;
  coordinator_user_id: number | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  sort_order: Generated<number>;
}

export interface TrackSubtypesTable {
  id: Generated<number>;
  track_id: number;
  code: string;
  name: string;
  description: string | null;
  sort_order: Generated<number>;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  unit_pairings: UnitPairingsTable;
  campaigns: CampaignsTable;
  tracks: TracksTable;
  track_subtypes: TrackSubtypesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PairingRow = Selectable<UnitPairingsTable>;
