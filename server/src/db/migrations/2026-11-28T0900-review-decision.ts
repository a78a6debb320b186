import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Review, decision, public notice (issue 4): reviewer pools, conflicts, assignments,
// reviews with history, the discussion thread, decisions, the public notice and its objections.

export async function up(db: Kysely<any>): Promise<void> {
  // Per track: how it is reviewed. The rubric is data (contracts/review.ts validates it).
  await db.schema
    .alterTable('tracks')
    .addColumn('reviewers_per_case', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`reviewers_per_case between 1 and 9`),
    )
    .addColumn('blind_review', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('review_closes_at', 'timestamptz')
    .addColumn('rubric', 'jsonb')
    // A case whose reviewers' totals (0–100) differ by more than this is flagged for discussion.
    .addColumn('spread_threshold', 'numeric', (c) => c.notNull().defaultTo(20))
    .execute();

  // The reviewer pool of a track: institute staff and external experts.
  await db.schema
    .createTable('review_pool')
    .addColumn('track_id', 'integer', (c) => c.notNull().references('tracks.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('staff', 'external')`))
    .addColumn('added_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('review_pool_pkey', ['track_id', 'user_id'])
    .execute();

  // Declared conflicts (reviewer or coordinator ↔ unit) for a campaign; the own unit is a conflict without a row.
  await db.schema
    .createTable('review_conflicts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('review_conflicts_campaign_user_unit_key', ['campaign_id', 'user_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('review_assignments')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('manual', 'xlsx', 'auto')`))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reminded_at', 'timestamptz')
    .addUniqueConstraint('review_assignments_submission_reviewer_key', ['submission_id', 'reviewer_id'])
    .execute();
  await db.schema.createIndex('review_assignments_reviewer_idx').on('review_assignments').column('reviewer_id').execute();

  // One review per assignment: draft (autosaved) until submitted; revisable until the review deadline.
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('assignment_id', 'integer', (c) => c.notNull().unique().references('review_assignments.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    // criterion key → score (0…scale)
    .addColumn('scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    // For the coordinator and the institute only, never for the unit.
    .addColumn('private_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'submitted')`),
    )
    // The weighted total on 0–100 as of the last submission (null while a draft).
    .addColumn('total', 'numeric')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('reviews_submission_idx').on('reviews').column('submission_id').execute();

  // Every submitted version of a review (the history of revisions).
  await db.schema
    .createTable('review_versions')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('private_note', 'text', (c) => c.notNull())
    .addColumn('total', 'numeric', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_versions_pkey', ['review_id', 'version'])
    .execute();

  // The discussion thread of one case, for its coordinator, the institute and its reviewers.
  await db.schema
    .createTable('review_comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('review_comments_submission_idx').on('review_comments').column('submission_id').execute();

  // The institute's decision per case; staged (released_at null) until released with the rest of its track.
  await db.schema
    .createTable('review_decisions')
    .addColumn('submission_id', 'integer', (c) => c.primaryKey().references('submissions.id').onDelete('cascade'))
    .addColumn('track_id', 'integer', (c) => c.notNull().references('tracks.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('provincial', 'excellent', 'not_selected')`))
    .addColumn('note', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('released_at', 'timestamptz')
    .addColumn('released_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('review_decisions_track_idx').on('review_decisions').column('track_id').execute();

  // The public notice (公示) of the recommended cases: entries are a snapshot of what may be published.
  await db.schema
    .createTable('campaign_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entries', 'jsonb', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('taken_down_at', 'timestamptz')
    .addColumn('taken_down_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('campaign_notice_objections')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('campaign_notices.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.references('submissions.id'))
    .addColumn('author_name', 'text')
    .addColumn('contact', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('handled_at', 'timestamptz')
    .addColumn('handled_by', 'integer', (c) => c.references('users.id'))
    .addColumn('response', 'text')
    .execute();
}
