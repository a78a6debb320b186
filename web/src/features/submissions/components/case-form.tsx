import type { ReactNode } from 'react';
import { Card, Checkbox, Flex, Form, Input, Radio, Select, Switch, Tag, Typography } from 'antd';
import { priorityTagLabels, priorityTags, type PriorityTag } from '../../../../../contracts/priorities.ts';
import { implementationLabels, type SubmissionDetail } from '../../../../../contracts/submissions.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import type { DraftContent } from '../lib/draft-content.ts';
import { SectionField } from './section-field.tsx';
import { StudentsEditor } from './students-editor.tsx';

type Props = {
  detail: SubmissionDetail;
  /** The track's sub-types (from the campaign), for the developmental-aid track. */
  subtypes: { id: number; name: string }[];
  values: DraftContent;
  update: (patch: Partial<DraftContent>) => void;
  readOnly: boolean;
  /** Submit-check problems by field ('title', 'sections.practice', 'students.0.consentAt', …). */
  problems: Map<string, string>;
};

function Field({
  label,
  required,
  problem,
  children,
  htmlFor,
}: {
  label: ReactNode;
  required?: boolean;
  problem?: string;
  children: ReactNode;
  htmlFor?: string;
}) {
  return (
    <Form.Item
      label={label}
      required={required}
      htmlFor={htmlFor}
      validateStatus={problem ? 'error' : undefined}
      help={problem}
      style={{ marginBottom: 16 }}
    >
      {children}
    </Form.Item>
  );
}

/** The case's own fields: what the autosave sends. Sections stack, every field full width on a phone. */
export function CaseForm({ detail, subtypes, values, update, readOnly, problems }: Props) {
  const isMobile = useIsMobile();
  const isCase = detail.track.kind === 'case';
  const cardBody = { body: { padding: isMobile ? 12 : 24 } };
  const tagOf = (tag: PriorityTag) => values.priorityTags.find((t) => t.tag === tag);
  const toggleTag = (tag: PriorityTag, on: boolean) =>
    update({
      priorityTags: on
        ? priorityTags.filter((t) => t === tag || tagOf(t)).map((t) => tagOf(t) ?? { tag: t, justification: '' })
        : values.priorityTags.filter((t) => t.tag !== tag),
    });
  const justify = (tag: PriorityTag, justification: string) =>
    update({ priorityTags: values.priorityTags.map((t) => (t.tag === tag ? { ...t, justification } : t)) });
  const tagProblem = (tag: PriorityTag) =>
    problems.get(`priorityTags.${values.priorityTags.findIndex((t) => t.tag === tag)}.justification`);
  const planned = values.implementation === 'planned';
  const feasibility = detail.template.attachmentSlots.find((s) => s.requiredWhenPlanned);

  return (
    <Form layout="vertical" disabled={readOnly} component="div">
      <Flex vertical gap={16}>
        <Card title="基本信息" styles={cardBody}>
          <Field label="项目名称" required problem={problems.get('title')} htmlFor="case-title">
            <Input
              id="case-title"
              data-field="title"
              value={values.title}
              maxLength={100}
              showCount
              onChange={(e) => update({ title: e.target.value })}
            />
          </Field>
          <Field label="申报类别">
            <Flex wrap gap={8} align="center">
              <Tag color="red">{detail.track.name}</Tag>
              {subtypes.length ? (
                <Select
                  aria-label="案例子类"
                  placeholder="请选择子类"
                  value={values.subtypeId ?? undefined}
                  onChange={(subtypeId: number) => update({ subtypeId })}
                  options={subtypes.map((s) => ({ value: s.id, label: s.name }))}
                  status={problems.get('subtypeId') ? 'error' : undefined}
                  style={{ minWidth: 0, width: isMobile ? '100%' : 360 }}
                />
              ) : null}
            </Flex>
            {problems.get('subtypeId') ? <Typography.Text type="danger">{problems.get('subtypeId')}</Typography.Text> : null}
          </Field>
          <Field label={isCase ? '案例摘要' : '推荐理由摘要'} htmlFor="case-summary">
            <Input.TextArea
              id="case-summary"
              data-field="summary"
              value={values.summary}
              maxLength={1000}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              onChange={(e) => update({ summary: e.target.value })}
            />
          </Field>
          {isCase ? (
            <>
              <Field label="实施情况" required problem={problems.get('implementation')}>
                <Radio.Group
                  aria-label="实施情况"
                  value={values.implementation}
                  onChange={(e) => update({ implementation: e.target.value as DraftContent['implementation'] })}
                  options={(['implemented', 'planned'] as const).map((v) => ({ value: v, label: implementationLabels[v] }))}
                />
                {planned ? (
                  <Typography.Paragraph type="warning" style={{ margin: '8px 0 0' }} data-testid="feasibility-note">
                    尚待实施的案例必须上传“{feasibility?.label ?? '可行性论证'}”(见下方附件栏目,已标为必传)。
                  </Typography.Paragraph>
                ) : null}
              </Field>
              <Field label="集体项目">
                <Flex wrap gap={12} align="center">
                  <Switch
                    aria-label="集体项目"
                    checked={values.isCollective}
                    onChange={(isCollective) => update({ isCollective })}
                    checkedChildren="是"
                    unCheckedChildren="否"
                  />
                  <Typography.Text type="secondary">集体项目应由分管领导牵头负责。</Typography.Text>
                </Flex>
              </Field>
              {values.isCollective ? (
                <Field label="牵头负责的分管领导" required problem={problems.get('collectiveLeaderName')} htmlFor="collective-leader">
                  <Input
                    id="collective-leader"
                    value={values.collectiveLeaderName}
                    maxLength={40}
                    placeholder="姓名"
                    onChange={(e) => update({ collectiveLeaderName: e.target.value })}
                  />
                </Field>
              ) : null}
            </>
          ) : null}
          <Flex gap={isMobile ? 0 : 16} vertical={isMobile}>
            <div style={{ flex: 1 }}>
              <Field label="联系人" required problem={problems.get('contact')} htmlFor="contact-name">
                <Input
                  id="contact-name"
                  value={values.contact.name}
                  maxLength={40}
                  onChange={(e) => update({ contact: { ...values.contact, name: e.target.value } })}
                />
              </Field>
            </div>
            <div style={{ flex: 1 }}>
              <Field label="联系方式" required htmlFor="contact-phone">
                <Input
                  id="contact-phone"
                  value={values.contact.phone}
                  maxLength={40}
                  inputMode="tel"
                  placeholder="手机或座机"
                  onChange={(e) => update({ contact: { ...values.contact, phone: e.target.value } })}
                />
              </Field>
            </div>
          </Flex>
        </Card>

        <Card title={isCase ? '案例正文' : '推荐材料'} styles={cardBody}>
          {detail.template.sections.map((section) => (
            <SectionField
              key={section.key}
              section={section}
              value={values.sections[section.key] ?? ''}
              onChange={(text) => update({ sections: { ...values.sections, [section.key]: text } })}
              readOnly={readOnly}
              problem={problems.get(`sections.${section.key}`)}
            />
          ))}
        </Card>

        {isCase ? (
          <Card title="重点方向" extra={<Typography.Text type="secondary">可多选,每项须简要说明</Typography.Text>} styles={cardBody}>
            <Flex vertical gap={12}>
              {priorityTags.map((tag) => {
                const chosen = tagOf(tag);
                return (
                  <Flex
                    key={tag}
                    vertical
                    gap={4}
                    data-field={`priorityTags.${values.priorityTags.findIndex((t) => t.tag === tag)}.justification`}
                  >
                    <Checkbox checked={!!chosen} onChange={(e) => toggleTag(tag, e.target.checked)}>
                      {priorityTagLabels[tag]}
                    </Checkbox>
                    {chosen ? (
                      <>
                        <Input.TextArea
                          aria-label={`${priorityTagLabels[tag]} 说明`}
                          value={chosen.justification}
                          maxLength={300}
                          showCount
                          autoSize={{ minRows: 2, maxRows: 5 }}
                          placeholder="简要说明本案例如何体现这一方向"
                          status={tagProblem(tag) ? 'error' : undefined}
                          onChange={(e) => justify(tag, e.target.value)}
                          style={{ marginInlineStart: isMobile ? 0 : 24, width: isMobile ? '100%' : 'calc(100% - 24px)' }}
                        />
                        {tagProblem(tag) ? (
                          <Typography.Text type="danger" style={{ fontSize: 12 }}>
                            {tagProblem(tag)}
                          </Typography.Text>
                        ) : null}
                      </>
                    ) : null}
                  </Flex>
                );
              })}
            </Flex>
          </Card>
        ) : null}

        <Card title={isCase ? '涉及学生' : '被推荐学生'} styles={cardBody} data-field="students">
          {problems.get('students') ? <Typography.Paragraph type="danger">{problems.get('students')}</Typography.Paragraph> : null}
          <StudentsEditor
            students={values.students}
            onChange={(students) => update({ students })}
            readOnly={readOnly}
            single={!isCase}
            problems={problems}
          />
        </Card>
      </Flex>
    </Form>
  );
}
