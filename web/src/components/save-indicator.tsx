import { Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, EditOutlined, ExclamationCircleOutlined, LockOutlined } from '@ant-design/icons';
import type { AutosaveSnapshot } from '../lib/autosave.ts';
import { inShanghai } from '../lib/time.ts';

/** "已保存 14:03:21" / "保存中…" / "未保存": what the server has, at a glance. */
export function SaveIndicator({
  snapshot,
  lastUpdated,
}: {
  snapshot: Pick<AutosaveSnapshot<object>, 'status' | 'savedAt' | 'error'> & { held: unknown[] };
  lastUpdated: string;
}) {
  const at = inShanghai(snapshot.savedAt ?? lastUpdated).format('HH:mm:ss');
  const content = (() => {
    switch (snapshot.status) {
      case 'saved':
        return { icon: <CheckCircleOutlined />, text: `已保存 ${at}`, type: 'success' as const };
      case 'saving':
        return { icon: <CloudUploadOutlined />, text: '保存中…', type: 'secondary' as const };
      case 'dirty':
        return {
          icon: <EditOutlined />,
          text: snapshot.held.length && !snapshot.error ? '未保存(学生信息待填完整,已存本机)' : '未保存',
          type: 'warning' as const,
        };
      case 'error':
        return {
          icon: <ExclamationCircleOutlined />,
          text: `保存失败,稍后自动重试(修改已存本机):${snapshot.error ?? ''}`,
          type: 'danger' as const,
        };
      case 'conflict':
        return { icon: <ExclamationCircleOutlined />, text: '他人已修改,请选择保留哪个版本', type: 'danger' as const };
      case 'locked':
        return { icon: <LockOutlined />, text: `无法保存:${snapshot.error ?? ''}(修改已存本机)`, type: 'danger' as const };
    }
  })();
  return (
    <Typography.Text type={content.type} data-testid="save-status" data-status={snapshot.status} role="status" aria-live="polite">
      {content.icon} {content.text}
    </Typography.Text>
  );
}
