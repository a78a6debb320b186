/**
 * antd's message API bound to the App context (theme, locale). The providers
 * register it once; code outside components (the query client) uses it.
 */
import type { MessageInstance } from 'antd/es/message/interface';

let instance: MessageInstance | null = null;

export function bindMessage(next: MessageInstance): void {
  instance = next;
}

export function notifyError(text: string, key?: string): void {
  if (instance) void instance.error({ content: text, key: key ?? text });
}

export function notifySuccess(text: string): void {
  if (instance) void instance.success(text);
}
