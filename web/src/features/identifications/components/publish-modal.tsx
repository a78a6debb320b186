import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { NOTICE_MIN_WORKING_DAYS, countWorkingDays, earliestNoticeEnd } from '../../../../../contracts/identifications.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { dayjs, toPlainDate } from '../../../lib/time.ts';
import { usePublishNotice } from '../api/identifications-api.ts';

/** 发布公示: every identification the institute confirmed goes on the list; at least five working days. */
export function PublishModal({ schoolYear, waiting, onClose }: { schoolYear: string; waiting: number; onClose: () => void }) {
  const today = dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');
  const [start, setStart] = useState<Dayjs>(dayjs(today));
  const [end, setEnd] = useState<Dayjs>(dayjs(earliestNoticeEnd(today)));
  const [title, setTitle] = useState('');
  const publish = usePublishNotice();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const days = countWorkingDays(start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD'));

  const submit = async () => {
    const notice = await publish.mutateAsync({
      schoolYear,
      startsOn: toPlainDate(start)!,
      endsOn: toPlainDate(end)!,
      title: title.trim() || undefined,
    });
    void message.success(`公示已发布:${notice.entryCount} 名学生`);
    onClose();
    void navigate(`/notices/${notice.id}`);
  };

  return (
    <Modal
      open
      title={`发布认定结果公示(${schoolYear}学年)`}
      okText="发布"
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ disabled: days < NOTICE_MIN_WORKING_DAYS || waiting === 0 }}
      confirmLoading={publish.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          将公示学院已复核确认的 <Typography.Text strong>{waiting}</Typography.Text>{' '}
          名学生。公示名单只显示姓名、单位、院系、专业、年级、班级,不显示困难等级;公示期满后名单不再公开。
        </Typography.Text>
        {publish.error ? <Alert type="error" showIcon title={errorMessage(publish.error)} /> : null}
        <Form layout="vertical" component="div">
          <Form.Item label="标题(可不填,默认“某单位某学年家庭经济困难学生认定结果公示”)">
            <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item label="开始日期" style={{ flex: 1, minWidth: 140 }}>
              <DatePicker
                style={{ width: '100%' }}
                value={start}
                allowClear={false}
                disabledDate={(d) => d.isBefore(dayjs(today), 'day')}
                onChange={(d) => {
                  if (!d) return;
                  setStart(d);
                  const earliest = dayjs(earliestNoticeEnd(d.format('YYYY-MM-DD')));
                  if (end.isBefore(earliest, 'day')) setEnd(earliest);
                }}
              />
            </Form.Item>
            <Form.Item label="结束日期" style={{ flex: 1, minWidth: 140 }}>
              <DatePicker
                style={{ width: '100%' }}
                value={end}
                allowClear={false}
                onChange={(d) => d && setEnd(d)}
                disabledDate={(d) => d.isBefore(start, 'day')}
              />
            </Form.Item>
          </Flex>
        </Form>
        <Alert
          type={days < NOTICE_MIN_WORKING_DAYS ? 'error' : 'info'}
          showIcon
          title={`公示期含 ${days} 个工作日(周一至周五;须不少于 ${NOTICE_MIN_WORKING_DAYS} 个)`}
          description="系统不识别法定节假日和调休:公示期内如有节假日,请相应顺延结束日期。"
        />
      </Flex>
    </Modal>
  );
}
