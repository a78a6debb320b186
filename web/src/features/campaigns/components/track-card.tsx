import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { trackKindLabels, type TrackDto } from '../../../../../contracts/campaigns.ts';
import { t } from '../../../locales/zh-CN.ts';
import { deadlineLines } from '../lib/deadlines.ts';

export function TrackCard({ track }: { track: TrackDto }) {
  const contact = [track.contactName, track.contactPhone, track.contactEmail].filter((v): v is string => Boolean(v));
  return (
    <Card
      size="small"
      data-testid={`track-card-${track.code}`}
      title={
        <Flex wrap gap={6} align="center">
          <span style={{ whiteSpace: 'normal' }}>{track.name}</span>
          <Tag color={track.kind === 'ambassador' ? 'gold' : 'blue'}>{trackKindLabels[track.kind]}</Tag>
        </Flex>
      }
      style={{ height: '100%' }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'host', label: '牵头单位', children: track.hostUnit?.name ?? t.none },
          { key: 'coordinator', label: '类别牵头人', children: track.coordinator?.displayName ?? t.none },
          {
            key: 'contact',
            label: '联系人',
            children:
              contact.length > 0 ? (
                <Flex vertical>
                  {contact.map((line) => (
                    <span key={line} style={{ wordBreak: 'break-all' }}>
                      {line}
                    </span>
                  ))}
                </Flex>
              ) : (
                t.none
              ),
          },
          ...deadlineLines(track).map((d) => ({
            key: d.key,
            label: d.label,
            children: <span data-testid={`${d.key}-${track.code}`}>{d.value}</span>,
          })),
          {
            key: 'quota',
            label: '推荐名额',
            children: (
              <span data-testid={`quota-${track.code}`}>
                每单位 {track.defaultQuota} 项{track.quotaOverrideCount > 0 ? `(${track.quotaOverrideCount} 个单位另有规定)` : ''}
              </span>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        时间均为北京时间
      </Typography.Text>
      {track.subtypes.length > 0 ? (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">子类:</Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 4 }}>
            {track.subtypes.map((subtype) => (
              <Tag key={subtype.id} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                {subtype.name}
              </Tag>
            ))}
          </Flex>
        </div>
      ) : null}
    </Card>
  );
}
