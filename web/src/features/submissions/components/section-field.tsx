import { Flex, Input, Tag, Typography } from 'antd';
import type { TemplateSection } from '../../../../../contracts/form-template.ts';
import { WordCounter } from './word-counter.tsx';

/** One template section: title, guidance, the text, and its live word count. */
export function SectionField({
  section,
  value,
  onChange,
  readOnly,
  problem,
}: {
  section: TemplateSection;
  value: string;
  onChange: (text: string) => void;
  readOnly: boolean;
  problem?: string;
}) {
  const id = `section-${section.key}`;
  return (
    <Flex vertical gap={4} style={{ marginBottom: 20 }} data-field={`sections.${section.key}`}>
      <Flex wrap gap={8} align="baseline">
        <label htmlFor={id}>
          <Typography.Text strong>{section.title}</Typography.Text>
        </label>
        {section.required ? <Tag color="red">必填</Tag> : <Tag>选填</Tag>}
      </Flex>
      {section.guidance ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {section.guidance}
        </Typography.Text>
      ) : null}
      {readOnly ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{value || '(未填写)'}</Typography.Paragraph>
      ) : (
        <Input.TextArea
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 16 }}
          status={problem ? 'error' : undefined}
          aria-label={section.title}
        />
      )}
      <Flex justify="space-between" wrap gap={8}>
        <WordCounter text={value} minWords={section.minWords} maxWords={section.maxWords} />
        {problem ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {problem}
          </Typography.Text>
        ) : null}
      </Flex>
    </Flex>
  );
}
