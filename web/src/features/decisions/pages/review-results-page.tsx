import { Alert, Empty, Flex, List, Tag, Typography } from 'antd';
import { decisionOutcomeLabels } from '../../../../../contracts/decisions.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useUnitResults } from '../api/decisions-api.ts';
import { outcomeColors } from '../components/decisions-table.tsx';

/** 评审结果: what a unit sees of its cases once the institute has released them — the outcome and note, never scores. */
export default function ReviewResultsPage() {
  const results = useUnitResults();
  if (results.isPending) return <PageLoading />;
  if (results.isError) return <Alert type="error" showIcon message={errorMessage(results.error)} />;
  return (
    <Flex vertical gap={12}>
      <PageHeader title="评审结果" description="学院发布的本单位申报案例评审结果;尚未发布的类别不显示。" />
      {results.data.length === 0 ? (
        <Empty description="学院尚未发布本单位案例的评审结果" />
      ) : (
        <List
          bordered
          dataSource={results.data}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Link href={`/submissions/${r.submissionId}`} strong>
                    {r.title}
                  </Typography.Link>
                  <Tag color={outcomeColors[r.outcome]} data-testid={`result-${r.submissionId}`}>
                    {decisionOutcomeLabels[r.outcome]}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.receiptNo} · {r.trackName} · 发布于 {formatDateTime(r.releasedAt)}
                </Typography.Text>
                {r.note ? <Typography.Text>备注:{r.note}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
