import type { NotificationTemplate } from './notifications.service.ts';
import { formatShanghaiMinute } from '../../lib/shanghai-time.ts';

/**
 * The Chinese wording of every notification. A template turns the caller's
 * variables into a short title (inbox title; mail subject after 【永助】) and a
 * body (inbox text; the mail adds a greeting, the link and a footer).
 */
export type TemplateData = Record<string, string | number | null>;

export interface RenderedMessage {
  title: string;
  body: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

/** An ISO timestamp from the caller is shown in Beijing time; any other text as given. */
function timeText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return formatShanghaiMinute(date);
  }
  return text;
}

function text(data: TemplateData, key: string, fallback = '—'): string {
  const value = data[key];
  return value === null || value === undefined || value === '' ? fallback : String(value);
}

/** Receipt number and title, as the mail subject names the case. */
function caseName(d: TemplateData): string {
  const receipt = text(d, 'receiptNo', '');
  return receipt ? `${receipt} ${text(d, 'title')}` : text(d, 'title');
}

function caseLines(d: TemplateData): string[] {
  return [
    ...(d.receiptNo ? [`申报编号:${text(d, 'receiptNo')}`] : []),
    `项目名称:${text(d, 'title')}`,
    `项目类别:${text(d, 'trackName')}`,
    `申报单位:${text(d, 'unitName')}`,
  ];
}

const when = (d: TemplateData) => timeText(d.time) || formatShanghaiMinute(new Date());

const templates: Record<NotificationTemplate, (d: TemplateData) => RenderedMessage> = {
  'submission.submitted': (d) => ({
    title: `收到申报:${caseName(d)}`,
    body: [`${text(d, 'unitName')}于 ${when(d)}(北京时间)提交了申报。`, '', ...caseLines(d)].join('\n'),
  }),
  'submission.resubmitted': (d) => ({
    title: `申报已修改后重新提交:${caseName(d)}`,
    body: [`${text(d, 'unitName')}于 ${when(d)}(北京时间)按退回意见修改后重新提交了申报,请再次进行形式审查。`, '', ...caseLines(d)].join(
      '\n',
    ),
  }),
  'submission.returned': (d) => ({
    title: `申报被退回修改:${caseName(d)}`,
    body: [
      `您单位的申报于 ${when(d)}(北京时间)被退回修改。`,
      '',
      ...caseLines(d),
      '',
      '退回原因:',
      text(d, 'reasons', '(未填写)'),
      '',
      d.deadline ? `请按上述意见修改,并在 ${timeText(d.deadline)}(北京时间)前重新提交;逾期将无法再提交。` : '请按上述意见修改后重新提交。',
    ].join('\n'),
  }),
  'submission.withdrawn': (d) => ({
    title: `申报已撤回:${caseName(d)}`,
    body: [`${text(d, 'unitName')}于 ${when(d)}(北京时间)撤回了申报,该申报不再计入推荐名额。`, '', ...caseLines(d)].join('\n'),
  }),
  'submission.accepted': (d) => ({
    title: `申报已通过形式审查:${caseName(d)}`,
    body: [`您单位的申报于 ${when(d)}(北京时间)通过形式审查,将进入评审环节。`, '', ...caseLines(d)].join('\n'),
  }),
  'statistics.reminder': (d) => ({
    title: `统计表报送提醒:${text(d, 'campaignTitle', '本年度活动')}将于 ${timeText(d.deadline)} 截止`,
    body: [
      `${text(d, 'unitName')}尚未报送《资助育人主题活动开展情况统计表》和总结报告,报送截止时间为 ${timeText(d.deadline)}(北京时间)。`,
      '',
      '统计表中的大部分数据已由平台根据本单位记录自动统计,请核对、补填后请分管领导签批并报送;截止后系统将不再接受报送。',
    ].join('\n'),
  }),
  'statistics.reopened': (d) => ({
    title: `统计表已重新开放:${text(d, 'campaignTitle', '本年度活动')}`,
    body: [
      `学院已于 ${when(d)}(北京时间)重新开放${text(d, 'unitName')}已报送的统计表和总结报告,原因:${text(d, 'reason')}${d.note ? `(${text(d, 'note')})` : ''}。`,
      '',
      '请修改后再经分管领导签批并重新报送;此前报送的版本仍保留在报送记录中。',
    ].join('\n'),
  }),
  // decisions module
  'decision.released': (d) => ({
    title: `评审结果已发布:${text(d, 'trackName')}`,
    body: [
      `${text(d, 'campaignTitle', '本年度活动')}「${text(d, 'trackName')}」类别的评审结果已于 ${when(d)}(北京时间)发布。${text(d, 'unitName')}的申报结果如下:`,
      '',
      text(d, 'lines', '(无)'),
      '',
      '“推荐省级”的案例将由学院统一报送省级遴选,并在公示期内公示。',
    ].join('\n'),
  }),
  'campaign_notice.objection': (d) => ({
    title: `公示收到异议:${text(d, 'noticeTitle')}`,
    body: [
      `公示「${text(d, 'noticeTitle')}」于 ${when(d)}(北京时间)收到一条异议${d.entryTitle ? `,涉及:${text(d, 'entryTitle')}` : ''}。`,
      '',
      '请登录平台在“评审结果与推荐 → 公示”中查看异议内容和联系方式,并填写处理意见。',
    ].join('\n'),
  }),
  'mentor.assigned': (d) => ({
    title: `育人导师安排:${text(d, 'studentName')}`,
    body: [
      `${text(d, 'unitName')}已安排您担任学生 ${text(d, 'studentName')}(学号 ${text(d, 'studentNo')})的育人导师(${text(d, 'role')})。`,
      '',
      '请登录平台查看该生的帮扶需求和成长档案,并按计划开展谈心谈话与跟踪帮扶。',
    ].join('\n'),
  }),
  // review-pool module: one message per reviewer per batch, and the review deadline reminders
  'review.assigned': (d) => ({
    title: `评审任务:${text(d, 'trackName')} 新分配 ${text(d, 'count', '0')} 个案例`,
    body: [
      `${text(d, 'campaignTitle', '本年度活动')}「${text(d, 'trackName')}」类别新为您分配了 ${text(d, 'count', '0')} 个待评审案例,您在该类别共有 ${text(d, 'total', '0')} 个评审任务。`,
      '',
      d.deadline ? `评审截止时间:${timeText(d.deadline)}(北京时间)。` : '评审截止时间另行通知。',
      '请登录平台查看案例并按评分细则打分;如与某个申报单位存在利害关系,请在“评审管理 → 回避关系”中申报回避。',
    ].join('\n'),
  }),
  'review.reminder': (d) => ({
    title: `评审截止提醒:${text(d, 'trackName')} 将于 ${timeText(d.deadline)} 截止`,
    body: [
      `${text(d, 'campaignTitle', '本年度活动')}「${text(d, 'trackName')}」类别的评审将于 ${timeText(d.deadline)}(北京时间)截止。`,
      '',
      `您还有 ${text(d, 'open', '0')} 个案例的评审意见尚未提交,请在截止前完成;截止后将不能再提交或修改。`,
    ].join('\n'),
  }),
  'deadline.reminder': (d) => {
    const free = Number(d.freeQuota ?? 0);
    const drafts = Number(d.drafts ?? 0);
    return {
      title: `申报截止提醒:${text(d, 'trackName')} 将于 ${timeText(d.deadline)} 截止`,
      body: [
        `${text(d, 'campaignTitle', '本年度活动')}「${text(d, 'trackName')}」类别的申报将于 ${timeText(d.deadline)}(北京时间)截止。`,
        '',
        `${text(d, 'unitName')}在该类别的推荐名额为 ${text(d, 'quota', '0')} 项,已提交 ${text(d, 'used', '0')} 项,还可推荐 ${free} 项。`,
        ...(drafts > 0 ? [`本单位该类别尚有 ${drafts} 份草稿未提交。`] : []),
        '',
        free > 0 ? '如需推荐,请在截止前完成遴选、分管领导审核并提交;截止后系统将不再接受提交。' : '名额已用完,未提交的草稿将不会被推荐。',
      ].join('\n'),
    };
  },
};

export function renderMessage(template: NotificationTemplate, data: TemplateData): RenderedMessage {
  return templates[template](data);
}

/** The full address of an in-app path, or the path itself when PUBLIC_URL is not set. */
export function absoluteLink(link: string | null | undefined, publicUrl: string | null): string | null {
  if (!link) return null;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}` : link;
}

export function renderMail(message: RenderedMessage, recipientName: string, link: string | null): RenderedMail {
  return {
    subject: `【永助】${message.title}`,
    text: [
      `${recipientName},您好:`,
      '',
      message.body,
      '',
      ...(link ? [`查看详情:${link}`, ''] : []),
      '——',
      '此邮件由永助平台自动发送,请勿直接回复。',
    ].join('\n'),
  };
}
