import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enteredValuesInput,
  gridQuery,
  layoutInput,
  overrideInput,
  remindInput,
  reopenInput,
  reportInput,
  type LayoutDto,
} from '../../../../contracts/statistics.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { XLSX_MIME } from '../../lib/xlsx.ts';
import { AppError, ensure, found } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import {
  whyNotManageStatisticsLayout,
  whyNotUseStatistics,
  whyNotViewFiling,
  whyNotViewStatisticsGrid,
} from '../../policies/statistics-policy.ts';
import { multipartLimits } from '../files/files.service.ts';
import { metricDtos } from './metrics.ts';
import * as commands from './statistics.commands.ts';
import { reportsDigest, reportsZip, statisticsWorkbook } from './statistics.export.ts';
import * as repo from './statistics.repository.ts';
import { filingDto, gridDto, loadCampaign, versionDto } from './statistics.service.ts';
import { DOCX_MIME } from '../../lib/docx.ts';

const tags = ['statistics'];
const id = z.coerce.number().int().positive();
const campaignParams = z.object({ id });
const unitParams = z.object({ id, unitId: id });
const columnParams = z.object({ id, unitId: id, key: z.string().max(40) });
const versionParams = z.object({ id, unitId: id, version: id });

const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const load = async (campaignId: number) => loadCampaign(app.db, found(await repo.findCampaign(app.db, campaignId)));
  const unitOf = async (unitId: number) => {
    const [unit] = await repo.filingUnits(app.db, { unitId });
    if (!unit) throw new AppError('statistics_unit_required');
    return unit;
  };
  const filing = async (request: { params: { id: number; unitId: number } }) => {
    const l = await load(request.params.id);
    return { l, unit: await unitOf(request.params.unitId) };
  };

  app.get(
    '/statistics/campaigns/:id/layout',
    { schema: { tags, summary: '统计表栏目设置与指标目录', params: campaignParams } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotUseStatistics(actor));
      const l = await load(request.params.id);
      const dto: LayoutDto = {
        campaignId: l.campaign.id,
        campaignTitle: l.campaign.title,
        campaignYear: l.campaign.year,
        schoolYear: l.schoolYear,
        deadlineAt: l.layout.deadline_at.toISOString(),
        columns: l.layout.columns,
        metrics: await metricDtos(app.db, l.campaign.id),
        abilities: { edit: whyNotManageStatisticsLayout(actor) === null },
      };
      return dto;
    },
  );

  app.put(
    '/statistics/campaigns/:id/layout',
    { schema: { tags, summary: '保存统计表栏目(学院管理员)', params: campaignParams, body: layoutInput } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotManageStatisticsLayout(actor));
      const l = await load(request.params.id);
      await commands.saveLayout(app.db, actor, l, request.body, auditContext(request));
      return { ok: true };
    },
  );

  // ---- a unit's filing

  app.get(
    '/statistics/campaigns/:id/filings/:unitId',
    { schema: { tags, summary: '本单位统计表与总结报告', params: unitParams } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      return filingDto(app.db, actor, l, unit);
    },
  );

  const change = (summary: string) => ({ tags, summary, params: unitParams });

  app.put(
    '/statistics/campaigns/:id/filings/:unitId/values',
    { schema: { ...change('填写填报栏目'), body: enteredValuesInput } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      await commands.setEntered(app.db, actor, l, unit.id, request.body.values, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.put(
    '/statistics/campaigns/:id/filings/:unitId/overrides/:key',
    { schema: { tags, summary: '更正自动统计的数值(须说明理由,保留原值)', params: columnParams, body: overrideInput } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      await commands.setOverride(app.db, actor, l, unit.id, request.params.key, request.body, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.delete(
    '/statistics/campaigns/:id/filings/:unitId/overrides/:key',
    { schema: { tags, summary: '撤销更正,恢复自动统计值', params: columnParams } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      await commands.clearOverride(app.db, actor, l, unit.id, request.params.key, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.put(
    '/statistics/campaigns/:id/filings/:unitId/report',
    { schema: { ...change('保存总结报告正文'), body: reportInput } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      await commands.saveReport(app.db, actor, l, unit.id, request.body.sections, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.post(
    '/statistics/campaigns/:id/filings/:unitId/report-file',
    { schema: change('上传总结报告(.docx/.pdf,multipart)') },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      if (!request.isMultipart()) throw new AppError('file_required');
      const part = await request.file(multipartLimits(20 * 1024 * 1024));
      if (!part) throw new AppError('file_required');
      await commands.uploadReport(app, actor, l, unit.id, part, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.get(
    '/statistics/campaigns/:id/filings/:unitId/report-file',
    { schema: change('下载本单位上传的总结报告') },
    async (request, reply) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const f = found(await repo.findFiling(app.db, request.params.id, request.params.unitId));
      const file = found(f.report_file_id ? await repo.findFileRow(app.db, f.report_file_id) : undefined);
      return reply
        .header('content-type', file.mime_type)
        .header('content-disposition', attachmentHeader(file.original_name))
        .header('cache-control', 'private, no-store')
        .send(app.storage.createReadStream(file.storage_key));
    },
  );

  app.post('/statistics/campaigns/:id/filings/:unitId/sign-off', { schema: change('分管领导签批当前版本') }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotViewFiling(actor, request.params.unitId));
    const { l, unit } = await filing(request);
    await commands.signOff(app.db, actor, l, unit.id, auditContext(request));
    return filingDto(app.db, actor, l, unit);
  });

  app.post(
    '/statistics/campaigns/:id/filings/:unitId/submit',
    { schema: change('报送统计表和总结报告(截止前;报送后锁定)') },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewFiling(actor, request.params.unitId));
      const { l, unit } = await filing(request);
      await commands.submit(app.db, actor, l, unit.id, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.post(
    '/statistics/campaigns/:id/filings/:unitId/reopen',
    { schema: { ...change('学院为该单位重新开放填报(须选择原因)'), body: reopenInput } },
    async (request) => {
      const actor = actorOf(request);
      const { l, unit } = await filing(request);
      await commands.reopen(app.db, actor, l, unit.id, request.body, auditContext(request));
      return filingDto(app.db, actor, l, unit);
    },
  );

  app.get(
    '/statistics/campaigns/:id/filings/:unitId/versions/:version',
    { schema: { tags, summary: '查看已报送的某一版本(重新开放前后的各版都保留)', params: versionParams } },
    async (request) => {
      ensure(whyNotViewFiling(actorOf(request), request.params.unitId));
      const f = found(await repo.findFiling(app.db, request.params.id, request.params.unitId));
      return found(await versionDto(app.db, f.id, request.params.version));
    },
  );

  app.get(
    '/statistics/campaigns/:id/filings/:unitId/versions/:version/report-file',
    { schema: { tags, summary: '下载某一已报送版本所附的总结报告文件', params: versionParams } },
    async (request, reply) => {
      ensure(whyNotViewFiling(actorOf(request), request.params.unitId));
      const f = found(await repo.findFiling(app.db, request.params.id, request.params.unitId));
      const v = found((await repo.listVersions(app.db, f.id)).find((x) => x.version === request.params.version));
      const file = found(v.snapshot.reportFileId ? await repo.findFileRow(app.db, v.snapshot.reportFileId) : undefined);
      return reply
        .header('content-type', file.mime_type)
        .header('content-disposition', attachmentHeader(file.original_name))
        .header('cache-control', 'private, no-store')
        .send(app.storage.createReadStream(file.storage_key));
    },
  );

  app.get('/statistics/campaigns/:id/filings/:unitId/table.xlsx', { schema: change('本单位统计表(.xlsx)') }, async (request, reply) => {
    const actor = actorOf(request);
    ensure(whyNotViewFiling(actor, request.params.unitId));
    const { l, unit } = await filing(request);
    const dto = await filingDto(app.db, actor, l, unit);
    const file = await statisticsWorkbook(
      `${l.campaign.title} 资助育人主题活动开展情况统计表(${unit.name})`,
      {
        columns: dto.columns,
        rows: [
          {
            unit: { ...unit },
            state: dto.state,
            submittedAt: dto.submittedAt,
            values: dto.cells.map((c) => c.value),
            overrides: dto.cells.map((c) => (c.override ? { computed: c.override.computedAtOverride, reason: c.override.reason } : null)),
          },
        ],
        totals: [],
      },
      false,
    );
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', attachmentHeader(`${l.campaign.year}年统计表-${unit.name}.xlsx`))
      .header('cache-control', 'private, no-store')
      .send(file);
  });

  // ---- the institute

  app.get(
    '/statistics/campaigns/:id/grid',
    { schema: { tags, summary: '各单位统计表汇总(含合计、未报送单位)', params: campaignParams, querystring: gridQuery } },
    async (request) => {
      ensure(whyNotViewStatisticsGrid(actorOf(request)));
      return gridDto(app.db, await load(request.params.id), request.query.region);
    },
  );

  app.post(
    '/statistics/campaigns/:id/reminders',
    { schema: { tags, summary: '提醒未报送的单位(邮件 + 站内信;每单位每天一次)', params: campaignParams, body: remindInput } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotViewStatisticsGrid(actor));
      return commands.remindLate(app.db, actor, await load(request.params.id), request.body.unitIds, auditContext(request));
    },
  );

  app.get(
    '/statistics/campaigns/:id/aggregate.xlsx',
    { schema: { tags, summary: '汇总统计表(.xlsx,按设置的栏目,含合计)', params: campaignParams, querystring: gridQuery } },
    async (request, reply) => {
      ensure(whyNotViewStatisticsGrid(actorOf(request)));
      const l = await load(request.params.id);
      const grid = await gridDto(app.db, l, request.query.region);
      const file = await statisticsWorkbook(`${l.campaign.title} 资助育人主题活动开展情况统计表(汇总)`, grid, true);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`${l.campaign.year}年资助育人主题活动开展情况统计表-汇总.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  app.get(
    '/statistics/campaigns/:id/reports.zip',
    { schema: { tags, summary: '全部总结报告(.zip,边生成边下载)', params: campaignParams } },
    async (request, reply) => {
      ensure(whyNotViewStatisticsGrid(actorOf(request)));
      const l = await load(request.params.id);
      const zip = await reportsZip(app.db, app.storage, l);
      if (zip.size !== null) reply.header('content-length', zip.size);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', attachmentHeader(`${l.campaign.year}年各单位总结报告.zip`))
        .header('cache-control', 'private, no-store')
        .send(zip.stream);
    },
  );

  app.get(
    '/statistics/campaigns/:id/digest.docx',
    { schema: { tags, summary: '总结报告汇编(.docx)', params: campaignParams } },
    async (request, reply) => {
      ensure(whyNotViewStatisticsGrid(actorOf(request)));
      const l = await load(request.params.id);
      return reply
        .header('content-type', DOCX_MIME)
        .header('content-disposition', attachmentHeader(`${l.campaign.year}年总结报告汇编.docx`))
        .header('cache-control', 'private, no-store')
        .send(await reportsDigest(app.db, l));
    },
  );
};

export default statisticsRoutes;
