import type { DbOrTrx } from '../../db/database.ts';
import { absoluteLink, renderMail, renderMessage, type TemplateData } from './notifications.templates.ts';

export type NotificationTemplate =
  | 'submission.submitted'
  | 'submission.returned'
  | 'submission.resubmitted'
  | 'submission.withdrawn'
  | 'submission.accepted'
  | 'deadline.reminder'
  | 'mentor.assigned'
  | 'statistics.reminder'
  // statistics module: the institute reopened a unit's submitted table
  | 'statistics.reopened'
  // review-pool module: reviewers told of new assignments (one message per batch) and of the review deadline
  | 'review.assigned'
  | 'review.reminder'
  // decisions module: results released to a unit; an objection to the campaign's 公示
  | 'decision.released'
  | 'campaign_notice.objection';

export interface NotifyInput {
  template: NotificationTemplate;
  /** Recipients; duplicates and disabled users are dropped. */
  userIds: number[];
  /** Template variables, e.g. { receiptNo, title, unitName, trackName, reasons, deadline }. */
  data: Record<string, string | number | null>;
  /** In-app path, e.g. '/submissions/12'. */
  link?: string;
  /** Same key twice → sent once (per recipient: key + ':' + userId). */
  dedupeKey?: string;
}

/**
 * Where mails point to. Set once when the app starts (PUBLIC_URL); without it a
 * mail carries the in-app path only.
 */
const settings: { publicUrl: string | null } = { publicUrl: null };

export function configureNotifications(options: { publicUrl: string | null }): void {
  settings.publicUrl = options.publicUrl;
}

/**
 * Queues a notification inside the caller's transaction: one inbox message per
 * recipient and one pending outbox mail per recipient with an e-mail address.
 * Nothing is sent here — the outbox worker sends after the commit, so a rolled
 * back command leaves neither message nor mail behind.
 */
export async function notify(db: DbOrTrx, input: NotifyInput): Promise<void> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return;
  const recipients = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('id', 'in', ids)
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();

  const message = renderMessage(input.template, input.data as TemplateData);
  const link = input.link ?? null;
  const mailLink = absoluteLink(link, settings.publicUrl);

  for (const user of recipients) {
    const dedupeKey = input.dedupeKey ? `${input.dedupeKey}:${user.id}` : null;
    // The unique (user_id, dedupe_key) makes "already notified" race-free.
    const delivered = await db
      .insertInto('inbox_messages')
      .values({ user_id: user.id, title: message.title, body: message.body, link, template: input.template, dedupe_key: dedupeKey })
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!delivered || !user.email) continue;
    const mail = renderMail(message, user.display_name, mailLink);
    await db
      .insertInto('outbox_emails')
      .values({
        to_address: user.email,
        to_user_id: user.id,
        subject: mail.subject,
        body_text: mail.text,
        template: input.template,
        dedupe_key: dedupeKey,
      })
      .execute();
  }
}
