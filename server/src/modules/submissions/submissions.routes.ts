import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParam, type Page } from '../../../../contracts/common.ts';
import { acknowledgePiiInput } from '../../../../contracts/pii.ts';
import {
  activityInput,
  createSubmissionInput,
  listSubmissionsQuery,
  replaceStudentsInput,
  slotQuery,
  updateSubmissionInput,
  type QuotaUsageDto,
  type SubmissionDetail,
  type SubmissionListItem,
  type SubmissionVersionDto,
} from '../../../../contracts/submissions.ts';
import { AppError, ensure, found } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { whyNotViewQuotaUsage } from '../../policies/submission-policy.ts';
import { multipartLimits, storeUpload } from '../files/files.service.ts';
import { scanWaits } from './submission-privacy.ts';
import * as commands from './submissions.commands.ts';
import { findCampaign, findVersion, listSubmissions } from './submissions.repository.ts';

const id = z.coerce.number().int().positive();
const activityParams = z.object({ id, activityId: id });
const attachmentParams = z.object({ id, attachmentId: id });
const evidenceParams = z.object({ id, activityId: id, fileId: id });
const versionParams = z.object({ id, versionNo: id });
const acknowledgementParams = z.object({ id, acknowledgementId: id });
const tags = ['submissions'];

const submissionsRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Every change answers with the case as it now is, so the form never works from a stale copy. */
  async function detail(request: FastifyRequest, submissionId: number): Promise<SubmissionDetail> {
    const actor = actorOf(request);
    const row = await commands.loadVisibleSubmission(app.db, actor, submissionId);
    return commands.submissionDetail(app.db, actor, row, { scan: { db: app.db, storage: app.storage, waitMs: scanWaits.detail } });
  }

  /** The one file of a multipart request, read with the slot's size limit. */
  async function filePart(request: FastifyRequest, maxBytes: number) {
    if (!request.isMultipart()) throw new AppError('file_required');
    const part = await request.file(multipartLimits(maxBytes));
    if (!part) throw new AppError('file_required');
    return part;
  }

  app.post('/submissions', { schema: { tags, summary: '新建申报草稿(本单位)', body: createSubmissionInput } }, async (request, reply) => {
    const actor = actorOf(request);
    const newId = await commands.createDraft(app.db, actor, request.body, auditContext(request));
    return reply.status(201).send(await detail(request, newId));
  });

  app.get(
    '/submissions',
    { schema: { tags, summary: '申报列表(按角色限定范围,含可执行操作和提交前检查问题数)', querystring: listSubmissionsQuery } },
    async (request): Promise<Page<SubmissionListItem>> => {
      const actor = actorOf(request);
      const { rows, total } = await listSubmissions(app.db, actor, request.query);
      const items = await commands.presentListItems(app.db, actor, rows);
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get('/submissions/:id', { schema: { tags, summary: '申报详情(含可执行操作)', params: idParam } }, async (request) =>
    detail(request, request.params.id),
  );

  app.patch(
    '/submissions/:id',
    { schema: { tags, summary: '自动保存草稿(须带 revision)', params: idParam, body: updateSubmissionInput } },
    async (request) => commands.updateDraft(app.db, actorOf(request), request.params.id, request.body),
  );

  app.delete('/submissions/:id', { schema: { tags, summary: '删除草稿', params: idParam } }, async (request, reply) => {
    await commands.deleteDraft(app.db, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });

  app.put(
    '/submissions/:id/students',
    { schema: { tags, summary: '设置涉及学生/被推荐学生(整体替换)', params: idParam, body: replaceStudentsInput } },
    async (request) => {
      await commands.replaceStudents(app.db, actorOf(request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/submissions/:id/attachments',
    { schema: { tags, summary: '上传附件到模板栏目(multipart, ?slot=)', params: idParam, querystring: slotQuery } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, slot } = await commands.prepareAttachmentUpload(app.db, actor, request.params.id, request.query.slot);
      const part = await filePart(request, slot.maxBytes);
      const file = await storeUpload(app, part, {
        accept: slot.accept,
        maxBytes: slot.maxBytes,
        unitId: row.unit_id,
        uploadedBy: actor.id,
      });
      await commands.attachStoredFile(app, actor, row.id, slot, file);
      return reply.status(201).send(await detail(request, row.id));
    },
  );

  app.delete(
    '/submissions/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除附件', params: attachmentParams } },
    async (request) => {
      await commands.removeAttachment(app, actorOf(request), request.params.id, request.params.attachmentId);
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/submissions/:id/activities',
    { schema: { tags, summary: '新增宣传活动记录(宣传大使)', params: idParam, body: activityInput } },
    async (request, reply) => {
      await commands.createActivity(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await detail(request, request.params.id));
    },
  );

  app.patch(
    '/submissions/:id/activities/:activityId',
    { schema: { tags, summary: '修改宣传活动记录', params: activityParams, body: activityInput } },
    async (request) => {
      await commands.updateActivity(app.db, actorOf(request), request.params.id, request.params.activityId, request.body);
      return detail(request, request.params.id);
    },
  );

  app.delete(
    '/submissions/:id/activities/:activityId',
    { schema: { tags, summary: '删除宣传活动记录', params: activityParams } },
    async (request) => {
      await commands.deleteActivity(app, actorOf(request), request.params.id, request.params.activityId);
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/submissions/:id/activities/:activityId/evidence',
    { schema: { tags, summary: '上传宣传活动佐证(multipart)', params: activityParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, rules } = await commands.prepareEvidenceUpload(app.db, actor, request.params.id, request.params.activityId);
      const part = await filePart(request, rules.maxBytes);
      const file = await storeUpload(app, part, {
        accept: rules.accept,
        maxBytes: rules.maxBytes,
        unitId: row.unit_id,
        uploadedBy: actor.id,
      });
      await commands.attachEvidence(app, actor, row.id, request.params.activityId, file);
      return reply.status(201).send(await detail(request, row.id));
    },
  );

  app.delete(
    '/submissions/:id/activities/:activityId/evidence/:fileId',
    { schema: { tags, summary: '删除宣传活动佐证', params: evidenceParams } },
    async (request) => {
      const { id: submissionId, activityId, fileId } = request.params;
      await commands.removeEvidence(app, actorOf(request), submissionId, activityId, fileId);
      return detail(request, submissionId);
    },
  );

  app.post('/submissions/:id/select', { schema: { tags, summary: '列入本单位推荐清单', params: idParam } }, async (request) => {
    await commands.setSelected(app.db, actorOf(request), request.params.id, true, auditContext(request));
    return detail(request, request.params.id);
  });

  app.post('/submissions/:id/unselect', { schema: { tags, summary: '移出本单位推荐清单', params: idParam } }, async (request) => {
    await commands.setSelected(app.db, actorOf(request), request.params.id, false, auditContext(request));
    return detail(request, request.params.id);
  });

  app.post('/submissions/:id/approve', { schema: { tags, summary: '分管领导签批(当前版本)', params: idParam } }, async (request) => {
    await commands.approve(app.db, actorOf(request), request.params.id, auditContext(request));
    return detail(request, request.params.id);
  });

  app.post('/submissions/:id/submit', { schema: { tags, summary: '提交申报(全部检查,原子)', params: idParam } }, async (request) => {
    await commands.submit(app.db, actorOf(request), request.params.id, auditContext(request), { storage: app.storage });
    return detail(request, request.params.id);
  });

  app.post('/submissions/:id/withdraw', { schema: { tags, summary: '截止前撤回申报', params: idParam } }, async (request) => {
    await commands.withdraw(app.db, actorOf(request), request.params.id, auditContext(request));
    return detail(request, request.params.id);
  });

  app.post(
    '/submissions/:id/pii-acknowledgements',
    { schema: { tags, summary: '隐私检查:确认保留某项检测结果(须说明原因)', params: idParam, body: acknowledgePiiInput } },
    async (request) => {
      await commands.acknowledgePii(app, actorOf(request), request.params.id, request.body, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  app.delete(
    '/submissions/:id/pii-acknowledgements/:acknowledgementId',
    { schema: { tags, summary: '隐私检查:撤销确认', params: acknowledgementParams } },
    async (request) => {
      const { id: submissionId, acknowledgementId } = request.params;
      await commands.revokePiiAcknowledgement(app, actorOf(request), submissionId, acknowledgementId, auditContext(request));
      return detail(request, submissionId);
    },
  );

  app.get(
    '/submissions/:id/versions/:versionNo',
    { schema: { tags, summary: '查看某一提交版本', params: versionParams } },
    async (request): Promise<SubmissionVersionDto> => {
      await commands.loadVisibleSubmission(app.db, actorOf(request), request.params.id);
      const v = found(await findVersion(app.db, request.params.id, request.params.versionNo));
      return {
        versionNo: v.version_no,
        createdAt: v.created_at.toISOString(),
        createdBy: v.created_by ? { id: v.created_by, displayName: v.created_by_name ?? '' } : null,
        snapshot: v.snapshot,
      };
    },
  );

  app.get(
    '/campaigns/:id/quota-usage',
    {
      schema: {
        tags,
        summary: '本单位各类别名额使用情况',
        params: idParam,
        querystring: z.object({ unitId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request): Promise<QuotaUsageDto[]> => {
      const actor = actorOf(request);
      const unitId = request.query.unitId ?? actor.unitId;
      ensure(whyNotViewQuotaUsage(actor, unitId));
      found(await findCampaign(app.db, request.params.id));
      return commands.quotaUsageFor(app.db, request.params.id, unitId!);
    },
  );
};

export default submissionsRoutes;
