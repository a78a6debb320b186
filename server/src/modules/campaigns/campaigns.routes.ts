import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  copyCampaignInput,
  createCampaignInput,
  createTrackInput,
  formTemplateInput,
  progressQuery,
  quotaOverridesInput,
  reorderTracksInput,
  subtypeInput,
  updateCampaignInput,
  updateSubtypeInput,
  updateTrackInput,
  type CampaignDto,
  type CampaignProgressDto,
  type CampaignTransition,
  type NoticeFileDto,
  type QuotaOverrideDto,
  type TrackDto,
} from '../../../../contracts/campaigns.ts';
import { idParam } from '../../../../contracts/common.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, found } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotManageCampaigns, whyNotUpdateCampaign, whyNotViewCampaigns, whyNotViewProgress } from '../../policies/campaign-policy.ts';
import { multipartLimits } from '../files/files.service.ts';
import * as commands from './campaigns.commands.ts';
import { campaignTarget, presentCampaign, presentProgress, presentTrack } from './campaigns.presenter.ts';
import * as repo from './campaigns.repository.ts';

const tags = ['campaigns'];
const fileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

/** Campaigns with their tracks, sub-types and files, as the actor may see and use them. */
async function campaignDtos(db: Db, actor: Actor, campaigns: repo.CampaignRow[]): Promise<CampaignDto[]> {
  const ids = campaigns.map((c) => c.id);
  const tracks = await repo.listTrackRows(db, ids);
  const [subtypes, files] = await Promise.all([
    repo.listSubtypeRows(
      db,
      tracks.map((t) => t.id),
    ),
    repo.listCampaignFiles(db, ids),
  ]);
  return campaigns.map((c) => presentCampaign(actor, c, { tracks, subtypes, files }));
}

async function campaignDto(db: Db, actor: Actor, id: number): Promise<CampaignDto> {
  const [dto] = await campaignDtos(db, actor, [found(await repo.findCampaign(db, id))]);
  return dto!;
}

async function trackDto(db: Db, actor: Actor, trackId: number): Promise<TrackDto> {
  const track = found(await repo.findTrack(db, trackId));
  const campaign = found(await repo.findCampaign(db, track.campaign_id));
  return presentTrack(actor, campaignTarget(campaign), track, await repo.listSubtypeRows(db, [track.id]));
}

async function quotaDtos(db: Db, trackId: number): Promise<QuotaOverrideDto[]> {
  return (await repo.listQuotaOverrides(db, trackId)).map((o) => ({
    unitId: o.unit_id,
    unitName: o.unit_name,
    unitCode: o.unit_code,
    quota: o.quota,
  }));
}

const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- campaigns

  app.get('/campaigns', { schema: { tags, summary: '主题活动列表(含类别、截止时间、名额、表单模板)' } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotViewCampaigns(actor));
    return campaignDtos(app.db, actor, await repo.listCampaignRows(app.db));
  });

  app.get('/campaigns/:id', { schema: { tags, summary: '一个主题活动', params: idParam } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotViewCampaigns(actor));
    return campaignDto(app.db, actor, request.params.id);
  });

  app.post(
    '/campaigns',
    { schema: { tags, summary: '新建主题活动(带通知的四个默认类别)', body: createCampaignInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await commands.createCampaign(app.db, actor, request.body, auditContext(request));
      return reply.status(201).send(await campaignDto(app.db, actor, id));
    },
  );

  app.patch(
    '/campaigns/:id',
    { schema: { tags, summary: '修改主题活动基本信息', params: idParam, body: updateCampaignInput } },
    async (request) => {
      const actor = actorOf(request);
      await commands.updateCampaignSettings(app.db, actor, request.params.id, request.body, auditContext(request));
      return campaignDto(app.db, actor, request.params.id);
    },
  );

  app.delete('/campaigns/:id', { schema: { tags, summary: '删除筹备中的主题活动', params: idParam } }, async (request, reply) => {
    await commands.deleteCampaign(app, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });

  const transitions: Record<CampaignTransition, string> = {
    open: '开始申报(筹备中 → 申报中;各类别须设置齐全)',
    review: '进入评审(申报中 → 评审中)',
    close: '结束活动(评审中 → 已结束)',
  };
  for (const [transition, summary] of Object.entries(transitions) as [CampaignTransition, string][]) {
    app.post(`/campaigns/:id/${transition}`, { schema: { tags, summary, params: idParam } }, async (request) => {
      const actor = actorOf(request);
      await commands.transitionCampaign(app.db, actor, request.params.id, transition, auditContext(request));
      return campaignDto(app.db, actor, request.params.id);
    });
  }

  app.post(
    '/campaigns/:id/copy',
    {
      schema: { tags, summary: '复制为新一年的活动(类别、模板、名额、牵头人,截止时间顺延整年)', params: idParam, body: copyCampaignInput },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await commands.copyCampaign(app.db, actor, request.params.id, request.body, auditContext(request));
      return reply.status(201).send(await campaignDto(app.db, actor, id));
    },
  );

  // ---- notice files

  app.post(
    '/campaigns/:id/files',
    { schema: { tags, summary: '上传通知附件(Word 或 PDF,20 MB 以内)', params: idParam } },
    async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
      const actor = actorOf(request);
      // Refuse before reading the body: nobody else's upload is streamed to disk.
      ensure(whyNotManageCampaigns(actor));
      const campaign = found(await repo.findCampaign(app.db, request.params.id));
      ensure(whyNotUpdateCampaign(actor, campaignTarget(campaign)));
      if (!request.isMultipart()) throw new AppError('file_required');
      const part = await request.file(multipartLimits(commands.NOTICE_FILE_RULES.maxBytes));
      if (!part) throw new AppError('file_required');
      const file = await commands.addNoticeFile(app, actor, request.params.id, part, auditContext(request));
      const dto: NoticeFileDto = {
        id: file.id,
        name: file.original_name,
        sizeBytes: Number(file.size_bytes),
        uploadedAt: file.created_at.toISOString(),
        url: `/api/files/${file.id}`,
      };
      return reply.status(201).send(dto);
    },
  );

  app.delete('/campaigns/:id/files/:fileId', { schema: { tags, summary: '删除通知附件', params: fileParams } }, async (request, reply) => {
    await commands.removeNoticeFile(app, actorOf(request), request.params.id, request.params.fileId, auditContext(request));
    return reply.status(204).send();
  });

  // ---- tracks

  app.post(
    '/campaigns/:id/tracks',
    { schema: { tags, summary: '新增类别(仅筹备中)', params: idParam, body: createTrackInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await commands.createTrack(app.db, actor, request.params.id, request.body, auditContext(request));
      return reply.status(201).send(await trackDto(app.db, actor, id));
    },
  );

  app.put(
    '/campaigns/:id/track-order',
    { schema: { tags, summary: '调整类别顺序', params: idParam, body: reorderTracksInput } },
    async (request) => {
      const actor = actorOf(request);
      await commands.reorderTracks(app.db, actor, request.params.id, request.body.trackIds, auditContext(request));
      return campaignDto(app.db, actor, request.params.id);
    },
  );

  app.patch('/tracks/:id', { schema: { tags, summary: '修改类别设置', params: idParam, body: updateTrackInput } }, async (request) => {
    const actor = actorOf(request);
    await commands.updateTrackSettings(app.db, actor, request.params.id, request.body, auditContext(request));
    return trackDto(app.db, actor, request.params.id);
  });

  app.delete('/tracks/:id', { schema: { tags, summary: '删除类别(仅筹备中且无申报)', params: idParam } }, async (request, reply) => {
    await commands.deleteTrack(app.db, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });

  app.put(
    '/tracks/:id/form-template',
    { schema: { tags, summary: '保存类别的表单模板', params: idParam, body: formTemplateInput } },
    async (request) => {
      const actor = actorOf(request);
      await commands.setFormTemplate(app.db, actor, request.params.id, request.body, auditContext(request));
      return trackDto(app.db, actor, request.params.id);
    },
  );

  app.get('/tracks/:id/quotas', { schema: { tags, summary: '各单位名额(与默认名额不同的单位)', params: idParam } }, async (request) => {
    ensure(whyNotManageCampaigns(actorOf(request)));
    found(await repo.findTrack(app.db, request.params.id));
    return quotaDtos(app.db, request.params.id);
  });

  app.put(
    '/tracks/:id/quotas',
    { schema: { tags, summary: '设置各单位名额(整表替换)', params: idParam, body: quotaOverridesInput } },
    async (request) => {
      await commands.setQuotaOverrides(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return quotaDtos(app.db, request.params.id);
    },
  );

  // ---- sub-types

  app.post(
    '/tracks/:id/subtypes',
    { schema: { tags, summary: '新增子类', params: idParam, body: subtypeInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      await commands.createSubtype(app.db, actor, request.params.id, request.body, auditContext(request));
      return reply.status(201).send(await trackDto(app.db, actor, request.params.id));
    },
  );

  app.patch('/subtypes/:id', { schema: { tags, summary: '修改子类', params: idParam, body: updateSubtypeInput } }, async (request) => {
    const actor = actorOf(request);
    const trackId = await commands.updateSubtypeSettings(app.db, actor, request.params.id, request.body, auditContext(request));
    return trackDto(app.db, actor, trackId);
  });

  app.delete('/subtypes/:id', { schema: { tags, summary: '删除子类(无申报使用时)', params: idParam } }, async (request, reply) => {
    await commands.deleteSubtype(app.db, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });

  // ---- progress (item 10)

  app.get(
    '/campaigns/:id/progress',
    {
      schema: {
        tags,
        summary: '申报进度:按类别和单位统计草稿、已提交、退回、通过、撤回及名额使用',
        params: idParam,
        querystring: progressQuery,
      },
    },
    async (request): Promise<CampaignProgressDto> => {
      const actor = actorOf(request);
      ensure(whyNotViewProgress(actor));
      const campaign = found(await repo.findCampaign(app.db, request.params.id));
      const all = whyNotManageCampaigns(actor) === null;
      const scope: repo.ProgressScope = {
        all,
        coordinatorId: actor.roles.has('track_coordinator') ? actor.id : null,
        unitId: actor.roles.has('unit_officer') ? actor.unitId : null,
        region: request.query.region,
      };
      const [tracks, rows] = await Promise.all([repo.listTrackRows(app.db, [campaign.id]), repo.progressRows(app.db, campaign.id, scope)]);
      return presentProgress(actor, campaign, tracks, rows, all);
    },
  );
};

export default campaignsRoutes;
