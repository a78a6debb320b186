import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import '../lib/time.ts';
import { queryClient } from '../lib/query-client.ts';
import { bindMessage } from '../lib/notify.ts';

/**
 * No animations for people who ask for reduced motion, nor under browser
 * automation: a dropdown still sliding open can swallow a click.
 */
const reduceMotion =
  (typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) ||
  (typeof navigator !== 'undefined' && navigator.webdriver === true);

/** Hands antd's context-aware message API to code outside components. */
function MessageBinder() {
  const { message } = AntApp.useApp();
  useEffect(() => bindMessage(message), [message]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider
      locale={zhCN}
      // Buttons read exactly as written ("登录", not "登 录"): stable names for users and tests.
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6, motion: !reduceMotion } }}
    >
      <AntApp>
        <MessageBinder />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
