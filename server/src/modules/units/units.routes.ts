import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import { createPairingInput, createUnitInput, listUnitsQuery, updateUnitInput } from '../../../../contracts/units.ts';
import { ensure } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { whyNotListUnits } from '../../policies/unit-policy.ts';
import { createPairing, createUnit, removePairing, updateUnitDetails } from './units.commands.ts';
import { presentPairing, presentUnit } from './units.presenter.ts';
import { listPairings, listUnits } from './units.repository.ts';

const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/units', { schema: { tags: ['units'], summary: '单位列表', querystring: listUnitsQuery } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotListUnits(actor));
    const { rows, total } = await listUnits(app.db, request.query);
    return { items: rows.map((r) => presentUnit(actor, r)), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/units', { schema: { tags: ['units'], summary: '新建单位', body: createUnitInput } }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createUnit(app.db, actor, request.body, auditContext(request));
    return reply.status(201).send(presentUnit(actor, row));
  });

  app.patch('/units/:id', { schema: { tags: ['units'], summary: '修改单位', params: idParam, body: updateUnitInput } }, async (request) => {
    const actor = actorOf(request);
    return presentUnit(actor, await updateUnitDetails(app.db, actor, request.params.id, request.body, auditContext(request)));
  });

  app.get('/pairings', { schema: { tags: ['units'], summary: '结对列表' } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotListUnits(actor));
    return (await listPairings(app.db)).map((r) => presentPairing(actor, r));
  });

  app.post('/pairings', { schema: { tags: ['units'], summary: '新建结对', body: createPairingInput } }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createPairing(app.db, actor, request.body, auditContext(request));
    return reply.status(201).send(presentPairing(actor, row));
  });

  app.delete('/pairings/:id', { schema: { tags: ['units'], summary: '删除结对', params: idParam } }, async (request, reply) => {
    await removePairing(app.db, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });
};

export default unitsRoutes;
