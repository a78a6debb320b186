import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import { roleLabels } from '../../../../contracts/roles.ts';
import { createUserInput, listUsersQuery, updateUserInput, userImportColumns } from '../../../../contracts/users.ts';
import { AppError, ensure } from '../../errors.ts';
import { assertXlsx, attachmentHeader, buildWorkbook, XLSX_MIME } from '../../lib/xlsx.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { whyNotCreateUser, whyNotListUsers } from '../../policies/user-policy.ts';
import { createUser, disableUser, enableUser, resetUserPassword, updateUserProfile } from './users.commands.ts';
import { importUsers } from './users.import.ts';
import { presentUser } from './users.presenter.ts';
import { listUsers } from './users.repository.ts';

const errorReportInput = z.object({
  errors: z.array(z.object({ row: z.number().int(), column: z.string().max(100), message: z.string().max(500) })).max(10_000),
});

const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', { schema: { tags: ['users'], summary: '用户列表', querystring: listUsersQuery } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotListUsers(actor));
    const { rows, total } = await listUsers(app.db, request.query);
    return { items: rows.map((r) => presentUser(actor, r)), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post(
    '/users',
    { schema: { tags: ['users'], summary: '新建用户(返回一次性密码)', body: createUserInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, temporaryPassword } = await createUser(app.db, actor, request.body, auditContext(request));
      return reply.status(201).send({ user: presentUser(actor, row), temporaryPassword });
    },
  );

  app.patch('/users/:id', { schema: { tags: ['users'], summary: '修改用户', params: idParam, body: updateUserInput } }, async (request) => {
    const actor = actorOf(request);
    return presentUser(actor, await updateUserProfile(app.db, actor, request.params.id, request.body, auditContext(request)));
  });

  app.post('/users/:id/disable', { schema: { tags: ['users'], summary: '停用用户', params: idParam } }, async (request) => {
    const actor = actorOf(request);
    return presentUser(actor, await disableUser(app.db, actor, request.params.id, auditContext(request)));
  });

  app.post('/users/:id/enable', { schema: { tags: ['users'], summary: '启用用户', params: idParam } }, async (request) => {
    const actor = actorOf(request);
    return presentUser(actor, await enableUser(app.db, actor, request.params.id, auditContext(request)));
  });

  app.post(
    '/users/:id/reset-password',
    { schema: { tags: ['users'], summary: '重置密码(返回一次性密码)', params: idParam } },
    async (request) => {
      const actor = actorOf(request);
      const { row, temporaryPassword } = await resetUserPassword(app.db, actor, request.params.id, auditContext(request));
      return { user: presentUser(actor, row), temporaryPassword };
    },
  );

  app.get('/users/import-template', { schema: { tags: ['users'], summary: '用户导入模板 (.xlsx)' } }, async (request, reply) => {
    ensure(whyNotCreateUser(actorOf(request)));
    const example = [
      'zhangsan',
      '张三',
      'NJGC',
      [roleLabels.mentor, roleLabels.unit_officer].join('、'),
      'zhangsan@example.edu.cn',
      '13800000000',
    ];
    const file = await buildWorkbook('用户', userImportColumns, [example]);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader('用户导入模板.xlsx')).send(file);
  });

  app.post('/users/import', { schema: { tags: ['users'], summary: '从 .xlsx 批量导入用户(全部成功或全部不导入)' } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotCreateUser(actor));
    if (!request.isMultipart()) throw new AppError('file_required');
    const part = await request.file();
    if (!part) throw new AppError('file_required');
    const buffer = await part.toBuffer();
    await assertXlsx(buffer);
    return importUsers(app.db, actor, buffer, auditContext(request));
  });

  app.post(
    '/users/import/error-report',
    { schema: { tags: ['users'], summary: '导入错误报告 (.xlsx)', body: errorReportInput } },
    async (request, reply) => {
      ensure(whyNotCreateUser(actorOf(request)));
      const file = await buildWorkbook(
        '错误报告',
        ['行号', '列', '问题'],
        request.body.errors.map((e) => [e.row, e.column, e.message]),
      );
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader('用户导入错误报告.xlsx')).send(file);
    },
  );
};

export default usersRoutes;
