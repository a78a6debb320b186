import type { InboxMessageDto, MailDto } from '../../../../contracts/notifications.ts';
import type { InboxRow, OutboxRow } from './notifications.repository.ts';

export function presentInboxMessage(row: InboxRow): InboxMessageDto {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

export function presentMail(row: OutboxRow): MailDto {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    body: row.body_text,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    nextAttemptAt: row.next_attempt_at.toISOString(),
  };
}
