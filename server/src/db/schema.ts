import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FormTemplate } from '../../../contracts/form-template.ts';
import type { PiiFinding, PiiKind, UncheckedReason } from '../../../contracts/pii.ts';
import type { Household } from '../../../contracts/home-visits.ts';
import type { CellValue, ReportSection, StatisticsColumn, StoredOverride, SubmittedValues } from '../../../contracts/statistics.ts';
import type { DecisionOutcome, Rubric } from '../../../contracts/review.ts';

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
  reviewers_per_case: Generated<number>;
  blind_review: Generated<boolean>;
  review_closes_at: Date | null;
  /** null: the default rubric of contracts/review.ts. */
  rubric: Json<Rubric> | null;
  spread_threshold: Generated<string>;
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

// ---- PII scan before submission (migration 2026-11-27T1900-submission-pii-scan) ----

export interface StoredFilePiiScansTable {
  file_id: number;
  status: 'scanned' | 'unchecked';
  unchecked_reason: UncheckedReason | null;
  findings: Json<PiiFinding[]>;
  text_chars: Generated<number>;
  scanner_version: number;
  scanned_at: Timestamp;
}

export interface SubmissionPiiAcknowledgementsTable {
  id: Generated<number>;
  submission_id: number;
  fingerprint: string;
  kind: PiiKind;
  masked: string;
  reason: string;
  acknowledged_by: number | null;
  acknowledged_at: Timestamp;
}

export interface TrackSubtypesTable {
  id: Generated<number>;
  track_id: number;
  code: string;
  name: string;
  description: string | null;
  sort_order: Generated<number>;
}

// ---- students and their privacy (migration 2026-11-27T1910) ----

export interface StudentsTable {
  id: Generated<number>;
  unit_id: number;
  student_no: string;
  name: string;
  gender: '男' | '女' | null;
  department: string | null;
  programme: string;
  schooling: string | null;
  grade: number;
  class_name: string | null;
  origin: '城镇' | '农村' | null;
  hukou_city: string | null;
  status: Generated<'enrolled' | 'graduated' | 'left'>;
  id_number_sealed: string | null;
  id_number_masked: string | null;
  phone_sealed: string | null;
  phone_masked: string | null;
  address_sealed: string | null;
  address_masked: string | null;
  birth_date_sealed: string | null;
  birth_date_masked: string | null;
  bank_card_sealed: string | null;
  bank_card_masked: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ClassTeachersTable {
  unit_id: number;
  class_name: string;
  user_id: number;
  assigned_by: number | null;
  assigned_at: Generated<Date>;
}

export interface MentorAssignmentsTable {
  id: Generated<number>;
  student_id: number;
  mentor_id: number;
  is_lead: Generated<boolean>;
  note: string | null;
  assigned_by: number | null;
  assigned_at: Generated<Date>;
  ended_at: Date | null;
  /** Added by migration 2026-11-27T1950. */
  end_reason: string | null;
}

// ---- key support targets (migration 2026-11-27T1950) ----

export interface KeyTargetFlagsTable {
  id: Generated<number>;
  student_id: number;
  school_year: string;
  flag: 'family_education' | 'mental_health' | 'behaviour' | 'special_needs' | 'academic' | 'progression';
  department: string;
  note: string | null;
  flagged_by: number | null;
  flagged_at: Generated<Date>;
  cleared_at: Date | null;
  cleared_by: number | null;
  clear_reason: string | null;
}

export interface CoverageSettingsTable {
  id: Generated<number>;
  seminars_per_semester: Generated<number>;
  amber_from_percent: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

// ---- roster imports and grade promotions (migration 2026-11-27T1920) ----

export interface RosterImportsTable {
  id: Generated<number>;
  unit_id: number;
  created_by: number;
  file_name: string;
  file_size: ColumnType<string, string | number, string | number>;
  storage_key: string | null;
  file_secret_sealed: string | null;
  head_sealed: string | null;
  merges: Json<string[]>;
  column_count: Generated<number>;
  rows_total: Generated<number>;
  header_row: number | null;
  mapping: ColumnType<Record<string, number | null> | null, string | null | undefined, string | null>;
  status: Generated<'uploaded' | 'running' | 'finished' | 'failed' | 'cancelled' | 'expired'>;
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  failed: Generated<number>;
  errors_truncated: Generated<boolean>;
  failure_code: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  heartbeat_at: Date | null;
  cancel_requested_at: Date | null;
  finished_at: Date | null;
}

export interface RosterImportErrorsTable {
  id: Generated<number>;
  import_id: number;
  row_number: number;
  student_no: string | null;
  name: string | null;
  column_label: string;
  message: string;
}

export interface GradePromotionsTable {
  id: Generated<number>;
  unit_id: number;
  school_year: string;
  promoted: number;
  graduated: number;
  run_by: number | null;
  run_at: CreatedAt;
}

// ---- growth archives and unit registries (migration 2026-11-27T1940) ----

export interface SupportCentersTable {
  unit_id: number;
  name: string;
  established_on: DateOnly;
  place: string;
  staff: Json<{ name: string; role: string }[]>;
  services: Json<string[]>;
  note: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RewardSchemesTable {
  unit_id: number;
  title: string;
  adopted_on: DateOnly;
  note: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RewardItemsTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  criteria: string;
  amount_fen: number | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RewardAwardsTable {
  id: Generated<number>;
  unit_id: number;
  item_id: number;
  student_id: number;
  awarded_on: DateOnly;
  school_year: string;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface GrowthArchiveEntriesTable {
  id: Generated<number>;
  student_id: number;
  kind: 'aid' | 'activity' | 'reward' | 'note' | 'goal';
  occurred_on: DateOnly;
  aid_type: string | null;
  amount_fen: number | null;
  funder: string | null;
  activity_type: string | null;
  title: string | null;
  /** numeric(5,1): read as a string. */
  hours: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  body: string | null;
  note: string | null;
  target_on: DateOnly | null;
  goal_status: 'in_progress' | 'achieved' | 'adjusted' | null;
  award_id: number | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  // Coverage speed (issue 5, migration 2026-11-28T0910): kept by the database, never written.
  /** The student's unit, copied by a trigger. */
  unit_id: ColumnType<number, never, never>;
  /** '2024-2025', generated from occurred_on. */
  school_year: ColumnType<string, never, never>;
}

export interface SeminarsTable {
  id: Generated<number>;
  unit_id: number;
  held_on: DateOnly;
  topic: string;
  participant_count: number;
  participant_names: Json<string[]>;
  minutes: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RegistryFilesTable {
  id: Generated<number>;
  unit_id: number;
  owner_kind: 'support_center' | 'reward_scheme' | 'seminar';
  seminar_id: number | null;
  file_id: number;
  added_by: number | null;
  added_at: CreatedAt;
}

// ---- home visits and difficulty identification (migration 2026-11-27T1930) ----

export interface HomeVisitsTable {
  id: Generated<number>;
  student_id: number;
  unit_id: number;
  visited_on: DateOnly | null;
  school_year: string | null;
  mode: 'on_site' | 'video' | null;
  visitors: Json<string[]>;
  household: Json<Household>;
  findings: Generated<string>;
  revision: Generated<number>;
  completed_at: Date | null;
  completed_by: number | null;
  created_by: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface HomeVisitPhotosTable {
  id: Generated<number>;
  visit_id: number;
  file_id: number;
  created_at: CreatedAt;
}

export interface IdentificationLevelsTable {
  id: Generated<number>;
  name: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IdentificationsTable {
  id: Generated<number>;
  student_id: number;
  unit_id: number;
  school_year: string;
  status: 'applied' | 'appraised' | 'rejected' | 'proposed' | 'confirmed' | 'in_notice' | 'archived' | 'revoked';
  requested_level_id: number | null;
  pledge_signed_on: DateOnly;
  stated_situation: string;
  applied_by: number | null;
  applied_at: Timestamp;
  home_visit_id: number | null;
  visit_linked_at: Date | null;
  appraisal_result: 'supported' | 'not_supported' | null;
  appraisal_level_id: number | null;
  appraised_on: DateOnly | null;
  appraisal_note: string | null;
  appraised_by: number | null;
  appraised_at: Date | null;
  proposed_level_id: number | null;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  rechecked_by: number | null;
  rechecked_at: Date | null;
  returned_at: Date | null;
  return_reason: string | null;
  level_id: number | null;
  notice_id: number | null;
  archived_at: Date | null;
  archived_by: number | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IdentificationEventsTable {
  id: Generated<number>;
  identification_id: number;
  action: string;
  actor_user_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
  at: CreatedAt;
}

export interface PublicNoticesTable {
  id: Generated<number>;
  unit_id: number;
  school_year: string;
  title: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  published_by: number | null;
  published_at: CreatedAt;
  archived_at: Date | null;
  archived_by: number | null;
}

export interface PublicNoticeEntriesTable {
  id: Generated<number>;
  notice_id: number;
  identification_id: number;
  name: string;
  unit_name: string;
  department: string | null;
  programme: string | null;
  grade: number | null;
  class_name: string | null;
  sort_order: Generated<number>;
}

export interface NoticeObjectionsTable {
  id: Generated<number>;
  notice_id: number;
  entry_id: number | null;
  text: string;
  lodged_by: number | null;
  lodged_at: CreatedAt;
  outcome: 'dismissed' | 'upheld' | null;
  resolution_note: string | null;
  resolved_by: number | null;
  resolved_at: Date | null;
}

// ---- statistics table (附件5) and summary reports (migration 2026-11-27T2000) ----

export interface StatisticsLayoutsTable {
  campaign_id: number;
  columns: Json<StatisticsColumn[]>;
  deadline_at: Date;
  /** null: the campaign year's (Y-1)-Y. */
  school_year: string | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StatisticsFilingsTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  entered: Json<Record<string, CellValue>>;
  overrides: Json<Record<string, StoredOverride>>;
  report_sections: Json<ReportSection[]>;
  report_file_id: number | null;
  version: Generated<number>;
  signed_off_version: number | null;
  signed_off_at: Date | null;
  signed_off_by: number | null;
  submitted_at: Date | null;
  submitted_by: number | null;
  submitted_values: Json<SubmittedValues | null>;
  reopened_at: Date | null;
  reopened_by: number | null;
  reopen_reason: string | null;
  reopen_note: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StatisticsFilingVersionsTable {
  id: Generated<number>;
  filing_id: number;
  version: number;
  snapshot: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: CreatedAt;
}

// ---- review, decision, public notice (migration 2026-11-28T0900) ----

export interface ReviewPoolTable {
  track_id: number;
  user_id: number;
  kind: 'staff' | 'external';
  added_by: number | null;
  created_at: CreatedAt;
}

export interface ReviewConflictsTable {
  id: Generated<number>;
  campaign_id: number;
  user_id: number;
  unit_id: number;
  reason: string;
  declared_by: number | null;
  created_at: CreatedAt;
}

export interface ReviewAssignmentsTable {
  id: Generated<number>;
  submission_id: number;
  reviewer_id: number;
  method: 'manual' | 'xlsx' | 'auto';
  assigned_by: number | null;
  created_at: CreatedAt;
  reminded_at: Date | null;
}

export interface ReviewsTable {
  id: Generated<number>;
  assignment_id: number;
  submission_id: number;
  reviewer_id: number;
  scores: Json<Record<string, number>>;
  comment: Generated<string>;
  private_note: Generated<string>;
  status: Generated<'draft' | 'submitted'>;
  /** numeric: read as a string. */
  total: string | null;
  version: Generated<number>;
  submitted_at: Date | null;
  updated_at: Generated<Date>;
}

export interface ReviewVersionsTable {
  review_id: number;
  version: number;
  scores: Json<Record<string, number>>;
  comment: string;
  private_note: string;
  total: string;
  submitted_at: Date;
}

export interface ReviewCommentsTable {
  id: Generated<number>;
  submission_id: number;
  author_id: number;
  body: string;
  created_at: CreatedAt;
}

export interface ReviewDecisionsTable {
  submission_id: number;
  track_id: number;
  outcome: DecisionOutcome;
  note: string | null;
  decided_by: number | null;
  decided_at: Generated<Date>;
  released_at: Date | null;
  released_by: number | null;
}

export interface CampaignNoticesTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  body: Generated<string>;
  entries: Json<unknown[]>;
  starts_on: string;
  ends_on: string;
  published_by: number | null;
  published_at: Generated<Date>;
  taken_down_at: Date | null;
  taken_down_by: number | null;
}

export interface CampaignNoticeObjectionsTable {
  id: Generated<number>;
  notice_id: number;
  submission_id: number | null;
  author_name: string | null;
  contact: string | null;
  body: string;
  created_at: CreatedAt;
  handled_at: Date | null;
  handled_by: number | null;
  response: string | null;
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
  stored_file_pii_scans: StoredFilePiiScansTable;
  submission_pii_acknowledgements: SubmissionPiiAcknowledgementsTable;
  students: StudentsTable;
  class_teachers: ClassTeachersTable;
  mentor_assignments: MentorAssignmentsTable;
  roster_imports: RosterImportsTable;
  roster_import_errors: RosterImportErrorsTable;
  grade_promotions: GradePromotionsTable;
  key_target_flags: KeyTargetFlagsTable;
  coverage_settings: CoverageSettingsTable;
  home_visits: HomeVisitsTable;
  home_visit_photos: HomeVisitPhotosTable;
  identification_levels: IdentificationLevelsTable;
  identifications: IdentificationsTable;
  identification_events: IdentificationEventsTable;
  public_notices: PublicNoticesTable;
  public_notice_entries: PublicNoticeEntriesTable;
  notice_objections: NoticeObjectionsTable;
  support_centers: SupportCentersTable;
  reward_schemes: RewardSchemesTable;
  reward_items: RewardItemsTable;
  reward_awards: RewardAwardsTable;
  growth_archive_entries: GrowthArchiveEntriesTable;
  seminars: SeminarsTable;
  registry_files: RegistryFilesTable;
  statistics_layouts: StatisticsLayoutsTable;
  review_pool: ReviewPoolTable;
  review_conflicts: ReviewConflictsTable;
  review_assignments: ReviewAssignmentsTable;
  reviews: ReviewsTable;
  review_versions: ReviewVersionsTable;
  review_comments: ReviewCommentsTable;
  review_decisions: ReviewDecisionsTable;
  campaign_notices: CampaignNoticesTable;
  campaign_notice_objections: CampaignNoticeObjectionsTable;
  statistics_filings: StatisticsFilingsTable;
  statistics_filing_versions: StatisticsFilingVersionsTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PairingRow = Selectable<UnitPairingsTable>;
