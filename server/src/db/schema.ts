import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FormTemplate } from '../../../contracts/form-template.ts';

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
  description: string | null;
  opens_at: Date | null;
  submission_closes_at: Date | null;
  revision_closes_at: Date | null;
  default_quota: Generated<number>;
  upward_quota: Generated<number>;
  form_template: Json<FormTemplate>;
  next_receipt_no: Generated<number>;
}

export interface TrackQuotaOverridesTable {
  track_id: number;
  unit_id: number;
  quota: number;
}

/** bigint: pg returns it as a string; convert with Number() (sizes stay far below 2^53). */
type BigIntColumn = ColumnType<string | number, number, number>;

export interface StoredFilesTable {
  id: Generated<number>;
  storage_key: string;
  original_name: string;
  mime_type: string;
  extension: string;
  size_bytes: BigIntColumn;
  sha256: string;
  unit_id: number | null;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export interface CampaignFilesTable {
  campaign_id: number;
  file_id: number;
}

export interface SubmissionsTable {
  id: Generated<number>;
  campaign_id: number;
  track_id: number;
  subtype_id: number | null;
  unit_id: number;
  created_by: number;
  title: Generated<string>;
  summary: Generated<string>;
  sections: Json<Record<string, string>>;
  implementation: 'implemented' | 'planned' | null;
  is_collective: Generated<boolean>;
  collective_leader_name: string | null;
  priority_tags: Json<{ tag: string; justification: string }[]>;
  contact_name: string | null;
  contact_phone: string | null;
  revision: Generated<number>;
  selected_at: Date | null;
  selected_by: number | null;
  approved_at: Date | null;
  approved_by: number | null;
  approved_revision: number | null;
  receipt_no: string | null;
  submitted_at: Date | null;
  submitted_by: number | null;
  returned_at: Date | null;
  return_reasons: string | null;
  accepted_at: Date | null;
  accepted_by: number | null;
  withdrawn_at: Date | null;
  deleted_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SubmissionStudentsTable {
  id: Generated<number>;
  submission_id: number;
  role: Generated<'involved' | 'nominee'>;
  name: string;
  student_no: string;
  programme: string;
  grade: number;
  major: string | null;
  class_name: string | null;
  consent_at: DateOnly | null;
  consent_note: string | null;
  sort_order: Generated<number>;
}

export interface SubmissionAttachmentsTable {
  id: Generated<number>;
  submission_id: number;
  slot_key: string;
  file_id: number;
  created_at: CreatedAt;
}

export interface AmbassadorActivitiesTable {
  id: Generated<number>;
  submission_id: number;
  kind: 'policy_talk' | 'village' | 'community' | 'alma_mater' | 'other';
  title: string;
  held_on: DateOnly;
  place: string;
  audience: number;
  description: string | null;
  evidence_file_ids: Json<number[]>;
  created_at: CreatedAt;
}

export interface SubmissionVersionsTable {
  id: Generated<number>;
  submission_id: number;
  version_no: number;
  snapshot: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SubmissionEventsTable {
  id: Generated<number>;
  submission_id: number;
  action: string;
  actor_user_id: number | null;
  note: string | null;
  at: CreatedAt;
}

export interface OutboxEmailsTable {
  id: Generated<number>;
  to_address: string;
  to_user_id: number | null;
  subject: string;
  body_text: string;
  template: string;
  status: Generated<'pending' | 'sent' | 'failed' | 'stored'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface InboxMessagesTable {
  id: Generated<number>;
  user_id: number;
  title: string;
  body: string;
  link: string | null;
  template: string;
  dedupe_key: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
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
  track_quota_overrides: TrackQuotaOverridesTable;
  stored_files: StoredFilesTable;
  campaign_files: CampaignFilesTable;
  submissions: SubmissionsTable;
  submission_students: SubmissionStudentsTable;
  submission_attachments: SubmissionAttachmentsTable;
  ambassador_activities: AmbassadorActivitiesTable;
  submission_versions: SubmissionVersionsTable;
  submission_events: SubmissionEventsTable;
  outbox_emails: OutboxEmailsTable;
  inbox_messages: InboxMessagesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PairingRow = Selectable<UnitPairingsTable>;
