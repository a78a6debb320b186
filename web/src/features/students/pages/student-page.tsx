import { Link, useParams } from 'react-router';
import { Badge, Button, Card, Descriptions, Flex, Result, Typography } from 'antd';
import { ArrowLeftOutlined, BookOutlined } from '@ant-design/icons';
import { sensitiveFieldLabels, sensitiveFields, studentStatusLabels } from '../../../../../contracts/students.ts';
import { NotFoundResult } from '../../../components/not-found-result.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useStudent } from '../api/students-api.ts';
import { RevealField } from '../components/reveal-field.tsx';

/** One student: the roster's facts, and the sensitive fields masked with a 查看 per field. */
export default function StudentPage() {
  const id = Number(useParams().id);
  const isMobile = useIsMobile();
  const query = useStudent(id);

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    // The server says why (another unit, not one of the teacher's students…).
    if (isApiError(query.error) && query.error.status === 403)
      return <Result status="403" title="无权查看该学生" subTitle={errorMessage(query.error)} />;
    return <NotFoundResult />;
  }
  const s = query.data;
  const text = (value: string | number | null) => (value === null || value === '' ? t.none : value);

  return (
    <>
      <Link to="/students">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          学生名册
        </Button>
      </Link>
      <PageHeader
        title={s.name}
        description={`${s.studentNo} · ${s.unitName}`}
        extra={
          <Link to={`/students/${s.id}/archive`}>
            <Button icon={<BookOutlined />}>资助成长档案</Button>
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <Card title="基本信息" styles={{ body: { padding: isMobile ? 12 : 24 } }}>
          <Descriptions column={isMobile ? 1 : { md: 2, lg: 3 }} size="small">
            <Descriptions.Item label="学号">{s.studentNo}</Descriptions.Item>
            <Descriptions.Item label="姓名">{s.name}</Descriptions.Item>
            <Descriptions.Item label="性别">{text(s.gender)}</Descriptions.Item>
            <Descriptions.Item label="单位">{s.unitName}</Descriptions.Item>
            <Descriptions.Item label="院系">{text(s.department)}</Descriptions.Item>
            <Descriptions.Item label="专业">{s.programme}</Descriptions.Item>
            <Descriptions.Item label="班级">{text(s.className)}</Descriptions.Item>
            <Descriptions.Item label="学制">{text(s.schooling)}</Descriptions.Item>
            <Descriptions.Item label="年级">{`${s.grade} 年级`}</Descriptions.Item>
            <Descriptions.Item label="生源地城乡">{text(s.origin)}</Descriptions.Item>
            <Descriptions.Item label="户籍地市">{text(s.hukouCity)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Badge status={s.status === 'enrolled' ? 'success' : 'default'} text={studentStatusLabels[s.status]} />
            </Descriptions.Item>
            <Descriptions.Item label="最近更新">{formatDateTime(s.updatedAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card
          title="敏感信息"
          extra={<Typography.Text type="secondary">已脱敏</Typography.Text>}
          styles={{ body: { padding: isMobile ? 12 : 24 } }}
        >
          <Flex vertical gap={12}>
            {sensitiveFields.map((field) => (
              <Flex key={field} justify="space-between" align="center" gap={8} wrap data-testid={`sensitive-${field}`}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {sensitiveFieldLabels[field]}
                  </Typography.Text>
                  <Typography.Text style={{ wordBreak: 'break-all' }}>{s.masked[field] ?? '未登记'}</Typography.Text>
                </Flex>
                {s.masked[field] ? <RevealField studentId={s.id} field={field} ability={s.abilities.reveal[field]} /> : null}
              </Flex>
            ))}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
