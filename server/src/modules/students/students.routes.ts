import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import { listStudentsQuery, revealInput, studentInput, updateStudentInput } from '../../../../contracts/students.ts';
import { ensure } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { studentScopeOf, whyNotListStudents } from '../../policies/student-policy.ts';
import { createStudent, loadVisibleStudent, revealStudentField, updateStudentDetails } from './students.commands.ts';
import { presentStudent } from './students.presenter.ts';
import { listStudents } from './students.repository.ts';

const studentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/students',
    { schema: { tags: ['students'], summary: '学生名册(按学号或姓名检索,仅限可见范围)', querystring: listStudentsQuery } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotListStudents(actor));
      const scope = studentScopeOf(actor);
      if (typeof scope === 'string') return ensure(scope);
      const { rows, total } = await listStudents(app.db, scope, actor.id, request.query);
      return { items: rows.map((r) => presentStudent(actor, r)), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get('/students/:id', { schema: { tags: ['students'], summary: '学生信息(敏感字段已脱敏)', params: idParam } }, async (request) => {
    const actor = actorOf(request);
    return presentStudent(actor, await loadVisibleStudent(app.db, actor, request.params.id));
  });

  app.post('/students', { schema: { tags: ['students'], summary: '新增学生', body: studentInput } }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createStudent(app.db, app.keyring, actor, request.body, auditContext(request));
    return reply.status(201).send(presentStudent(actor, row));
  });

  app.patch(
    '/students/:id',
    { schema: { tags: ['students'], summary: '修改学生信息', params: idParam, body: updateStudentInput } },
    async (request) => {
      const actor = actorOf(request);
      return presentStudent(
        actor,
        await updateStudentDetails(app.db, app.keyring, actor, request.params.id, request.body, auditContext(request)),
      );
    },
  );

  app.post(
    '/students/:id/reveal',
    { schema: { tags: ['students'], summary: '查看一个敏感字段的完整内容(须说明原因,记入审计日志)', params: idParam, body: revealInput } },
    async (request) => revealStudentField(app.db, app.keyring, actorOf(request), request.params.id, request.body, auditContext(request)),
  );
};

export default studentsRoutes;
