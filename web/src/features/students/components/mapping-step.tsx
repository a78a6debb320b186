import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, InputNumber, Select, Table, Typography } from 'antd';
import {
  requiredRosterFields,
  rosterFieldLabels,
  rosterFields,
  type RosterField,
  type RosterImportDto,
  type RosterMapping,
  type RosterPreview,
  type RosterPreviewRow,
} from '../../../../../contracts/roster.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { previewRoster, useStartImport } from '../api/students-api.ts';

/**
 * Step 2: which row is the header and which column is which field. The
 * server proposed both; every change asks it again for the first rows as they
 * would be imported (sensitive values masked), with each row's problems.
 */
export function MappingStep({ job, initial, onCancel }: { job: RosterImportDto; initial: RosterPreview | null; onCancel: () => void }) {
  const [preview, setPreview] = useState<RosterPreview | null>(initial);
  const [headerRow, setHeaderRow] = useState<number | null>(initial?.headerRow ?? job.headerRow);
  const [mapping, setMapping] = useState<RosterMapping>(initial?.mapping ?? job.mapping ?? {});
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = useStartImport();
  const request = useRef(0);

  const refresh = async (input: { headerRow?: number; mapping?: RosterMapping }) => {
    const mine = ++request.current;
    setLoading(true);
    setError(null);
    try {
      const next = await previewRoster(job.id, input);
      if (mine !== request.current) return;
      setPreview(next);
      setMapping(next.mapping);
      setHeaderRow(next.headerRow);
    } catch (e) {
      if (mine === request.current) setError(errorMessage(e));
    } finally {
      if (mine === request.current) setLoading(false);
    }
  };

  // After a reload the proposal is on the server, not in memory.
  useEffect(() => {
    if (!initial) void refresh({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.id]);

  const choose = (field: RosterField, column: number) => {
    const next: RosterMapping = { ...mapping };
    // A column serves one field: taking it here releases it elsewhere.
    for (const f of rosterFields) if (next[f] === column && column) next[f] = null;
    next[field] = column || null;
    setMapping(next);
    void refresh({ headerRow: headerRow ?? undefined, mapping: next });
  };

  const missing = requiredRosterFields.filter((f) => !mapping[f]);
  const columnOptions = [
    { value: 0, label: '不导入' },
    ...(preview?.columns ?? []).map((c) => ({ value: c.index, label: `${c.letter}列 ${c.header || '(无列名)'}` })),
  ];
  const mapped = rosterFields.filter((f) => mapping[f]);

  const run = async () => {
    if (!headerRow) return;
    setError(null);
    try {
      await start.mutateAsync({ id: job.id, input: { headerRow, mapping } });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        文件:{job.fileName},约 {job.rowsTotal} 行数据。空白单元格不会清除名册中已有的信息;身份证号等敏感信息加密保存,预览中已脱敏。
      </Typography.Text>
      <Flex align="center" gap={8} wrap>
        <Typography.Text>表头在第</Typography.Text>
        <InputNumber
          aria-label="表头所在行"
          min={1}
          max={30}
          value={headerRow}
          onChange={(value) => {
            if (!value) return;
            setHeaderRow(value);
            void refresh({ headerRow: value });
          }}
        />
        <Typography.Text>行</Typography.Text>
      </Flex>
      {headerRow === null ? (
        <Alert
          type="warning"
          showIcon
          title="没有找到表头行"
          description="请填写列名(学号、姓名等)所在的行号,或下载模板按模板整理后重新上传。"
        />
      ) : null}

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }} aria-label="列对应">
        {rosterFields.map((field) => {
          const required = requiredRosterFields.includes(field);
          return (
            <Flex key={field} vertical gap={4}>
              <Typography.Text>
                {rosterFieldLabels[field]}
                {required ? <Typography.Text type="danger"> *</Typography.Text> : null}
              </Typography.Text>
              <Select
                aria-label={`${rosterFieldLabels[field]}对应的列`}
                value={mapping[field] ?? 0}
                status={required && !mapping[field] ? 'error' : undefined}
                onChange={(value: number) => choose(field, value)}
                options={columnOptions}
                showSearch
                optionFilterProp="label"
              />
            </Flex>
          );
        })}
      </div>

      {missing.length ? (
        <Alert type="warning" showIcon title={`请为必填字段选择列:${missing.map((f) => rosterFieldLabels[f]).join('、')}`} />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} /> : null}

      <div>
        <Typography.Title level={5}>预览(前 {preview?.rows.length ?? 0} 行)</Typography.Title>
        <Table<RosterPreviewRow>
          size="small"
          rowKey="row"
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={preview?.rows ?? []}
          locale={{ emptyText: '表头下方没有数据行' }}
          columns={[
            { title: '行', dataIndex: 'row', fixed: 'left', width: 56 },
            ...mapped.map((f) => ({ title: rosterFieldLabels[f], key: f, render: (_: unknown, r: RosterPreviewRow) => r.values[f] || '' })),
            {
              title: '问题',
              key: 'errors',
              render: (_: unknown, r: RosterPreviewRow) =>
                r.errors.length ? (
                  <Flex vertical>
                    {r.errors.map((e) => (
                      <Typography.Text key={`${e.column}${e.message}`} type="danger" style={{ fontSize: 12 }}>
                        {e.column}:{e.message}
                      </Typography.Text>
                    ))}
                  </Flex>
                ) : (
                  <Typography.Text type="success">可导入</Typography.Text>
                ),
            },
          ]}
        />
      </div>

      <Flex gap={8} wrap justify="end">
        <Button onClick={onCancel}>重新上传</Button>
        <Button type="primary" disabled={missing.length > 0 || !headerRow} loading={start.isPending} onClick={() => void run()}>
          开始导入
        </Button>
      </Flex>
    </Flex>
  );
}
