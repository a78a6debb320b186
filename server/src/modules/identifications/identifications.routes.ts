import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  adjustLevelInput,
  appraisalInput,
  createIdentificationInput,
  levelInput,
  linkVisitInput,
  listIdentificationsQuery,
  recheckInput,
  unitReviewInput,
  updateLevelInput,
  type IdentificationDetail,
  type IdentificationPage,
  type LevelDto,
} from '../../../../contracts/identifications.ts';
import { AppError, ensure } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { ability } from '../../policies/ability.ts';
import { whyNotRecordAny } from '../../policies/home-visit-policy.ts';
import { whyNotListIdentifications, whyNotPublishNotice } from '../../policies/identification-policy.ts';
import { studentScopeOf } from '../../policies/student-policy.ts';
import * as commands from './identifications.commands.ts';
import { presentIdentification, presentIdentificationDetail, presentLevel } from './identifications.presenter.ts';
import { listIdentificationEvents, listIdentifications, listLevels } from './identifications.repository.ts';

const tags = ['identifications'];

const identificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Every step answers with the identification as it now is, with its history. */
  async function detail(request: FastifyRequest, id: number): Promise<IdentificationDetail> {
    const actor = actorOf(request);
    const row = await commands.loadVisibleIdentification(app.db, actor, id);
    return presentIdentificationDetail(actor, row, await listIdentificationEvents(app.db, id));
  }

  app.get(
    '/identifications',
    { schema: { tags, summary: '困难认定(按学年;可按步骤、等级、班级筛选)', querystring: listIdentificationsQuery } },
    async (request): Promise<IdentificationPage> => {
      const actor = actorOf(request);
      ensure(whyNotListIdentifications(actor));
      const scope = studentScopeOf(actor);
      if (typeof scope === 'string') throw new AppError(scope);
      const { rows, total, counts } = await listIdentifications(app.db, scope, actor.id, request.query);
      return {
        items: rows.map((r) => presentIdentification(actor, r)),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
        counts,
        abilities: {
          apply: ability(whyNotRecordAny(actor, 'not_identification_recorder')),
          publishNotice: ability(whyNotPublishNotice(actor, actor.unitId)),
        },
      };
    },
  );

  app.post(
    '/identifications',
    { schema: { tags, summary: '录入认定申请(含诚信承诺)', body: createIdentificationInput } },
    async (request, reply) => {
      const id = await commands.createIdentification(app.db, actorOf(request), request.body, auditContext(request));
      return reply.status(201).send(await detail(request, id));
    },
  );

  app.get('/identifications/:id', { schema: { tags, summary: '认定详情与办理记录', params: idParam } }, async (request) =>
    detail(request, request.params.id),
  );

  app.post(
    '/identifications/:id/link-visit',
    { schema: { tags, summary: '关联本学年已完成的家访', params: idParam, body: linkVisitInput } },
    async (request) => {
      await commands.linkVisit(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/identifications/:id/appraisal',
    { schema: { tags, summary: '录入班级民主评议结果', params: idParam, body: appraisalInput } },
    async (request) => {
      await commands.appraise(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/identifications/:id/review',
    { schema: { tags, summary: '单位审核:拟定等级或不予认定(拟定须有本学年已完成的家访)', params: idParam, body: unitReviewInput } },
    async (request) => {
      await commands.unitReview(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/identifications/:id/recheck',
    { schema: { tags, summary: '学院复核:确认或退回单位', params: idParam, body: recheckInput } },
    async (request) => {
      await commands.recheck(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/identifications/:id/adjust',
    { schema: { tags, summary: '学期调整认定等级(须说明原因)', params: idParam, body: adjustLevelInput } },
    async (request) => {
      await commands.adjustLevel(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  // ---- levels

  app.get('/identification-levels', { schema: { tags, summary: '困难等级' } }, async (): Promise<LevelDto[]> =>
    (await listLevels(app.db)).map(presentLevel),
  );

  app.post(
    '/identification-levels',
    { schema: { tags, summary: '新增困难等级(学院管理员)', body: levelInput } },
    async (request, reply) => {
      const id = await commands.createLevel(app.db, actorOf(request), request.body, auditContext(request));
      const level = (await listLevels(app.db)).find((l) => l.id === id)!;
      return reply.status(201).send(presentLevel(level));
    },
  );

  app.patch(
    '/identification-levels/:id',
    { schema: { tags, summary: '修改困难等级(名称、顺序、停用)', params: idParam, body: updateLevelInput } },
    async (request) => {
      await commands.updateLevelSettings(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      const level = (await listLevels(app.db)).find((l) => l.id === request.params.id)!;
      return presentLevel(level);
    },
  );
};

export default identificationsRoutes;
