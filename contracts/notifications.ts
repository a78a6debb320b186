import { z } from 'zod';
import { pageQuery } from './common.ts';

export const listInboxQuery = pageQuery.extend({
  /** `unread=true`: only messages not yet read. */
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListInboxQuery = z.infer<typeof listInboxQuery>;

export interface InboxMessageDto {
  id: number;
  title: string;
  body: string;
  /** In-app path to open, e.g. '/submissions/12'. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface UnreadCount {
  count: number;
}

export const mailStatuses = ['pending', 'sent', 'failed', 'stored'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailStatusLabels: Record<MailStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  stored: '已保存(演示模式,未发送)',
};

export const listMailsQuery = pageQuery.extend({
  status: z.enum(mailStatuses).optional(),
  /** Part of the recipient address. */
  to: z.string().trim().max(200).optional(),
});
export type ListMailsQuery = z.infer<typeof listMailsQuery>;

export interface MailDto {
  id: number;
  to: string;
  subject: string;
  body: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** When the next attempt is due (pending mails). */
  nextAttemptAt: string;
}

export interface MailLogPage {
  items: MailDto[];
  total: number;
  page: number;
  pageSize: number;
  /** 'store': mails are kept here instead of being sent (demo mode). */
  mode: 'smtp' | 'store';
}
