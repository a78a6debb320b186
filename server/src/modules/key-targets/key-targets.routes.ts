import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  assignMentorInput,
  flagStudentInput,
  listKeyTargetsQuery,
  reasonInput,
  type MentorCandidateDto,
} from '../../../../contracts/key-targets.ts';
import { ensure } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { studentScopeOf, whyNotManageRoster } from '../../policies/student-policy.ts';
import { loadVisibleStudent, studentTarget } from '../students/students.commands.ts';
import { assignMentor, clearStudentFlag, endMentorAssignment, flagStudent } from './key-targets.commands.ts';
import { presentAssignment, presentKeyTarget } from './key-targets.presenter.ts';
import { activeFlagsOf, listKeyTargetStudents, mentorAssignmentsOf, mentorCandidates } from './key-targets.repository.ts';

const groupBy = <T extends { student_id: number }>(rows: T[]) => {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(row.student_id, [...(map.get(row.student_id) ?? []), row]);
  return map;
};

const keyTargetsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/key-targets',
    { schema: { tags: ['key-targets'], summary: '重点帮扶对象(按学年;可只看尚无育人导师的)', querystring: listKeyTargetsQuery } },
    async (request) => {
      const actor = actorOf(request);
      const scope = studentScopeOf(actor);
      if (typeof scope === 'string') return ensure(scope);
      const query = request.query;
      const { rows, total } = await listKeyTargetStudents(app.db, scope, query);
      const ids = rows.map((r) => r.id);
      const [flags, mentors] = await Promise.all([activeFlagsOf(app.db, ids, query.schoolYear), mentorAssignmentsOf(app.db, ids)]);
      const flagsBy = groupBy(flags);
      const mentorsBy = groupBy(mentors);
      return {
        items: rows.map((r) => presentKeyTarget(actor, query.schoolYear, r, flagsBy.get(r.id) ?? [], mentorsBy.get(r.id) ?? [])),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  );

  app.get(
    '/key-targets/mentor-candidates',
    { schema: { tags: ['key-targets'], summary: '本单位可选的育人导师(按当前带教人数排序)' } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotManageRoster(actor));
      const rows = await mentorCandidates(app.db, actor.unitId!);
      return rows.map((r): MentorCandidateDto => ({ id: r.id, displayName: r.display_name, menteeCount: Number(r.mentee_count) }));
    },
  );

  app.post(
    '/students/:id/key-target-flags',
    { schema: { tags: ['key-targets'], summary: '标记重点帮扶对象(须已完成认定)', params: idParam, body: flagStudentInput } },
    async (request, reply) => {
      const id = await flagStudent(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/key-target-flags/:id/clear',
    { schema: { tags: ['key-targets'], summary: '解除帮扶标记(须说明原因)', params: idParam, body: reasonInput } },
    async (request, reply) => {
      await clearStudentFlag(app.db, actorOf(request), request.params.id, request.body.reason, auditContext(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/students/:id/mentors',
    { schema: { tags: ['key-targets'], summary: '学生的育人导师(含历史)', params: idParam } },
    async (request) => {
      const actor = actorOf(request);
      const student = await loadVisibleStudent(app.db, actor, request.params.id);
      const rows = await mentorAssignmentsOf(app.db, [student.id], true);
      return rows.map((m) => presentAssignment(actor, studentTarget(student), m));
    },
  );

  app.post(
    '/students/:id/mentors',
    { schema: { tags: ['key-targets'], summary: '安排育人导师', params: idParam, body: assignMentorInput } },
    async (request, reply) => {
      const id = await assignMentor(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/mentor-assignments/:id/end',
    { schema: { tags: ['key-targets'], summary: '结束导师安排(须说明原因)', params: idParam, body: reasonInput } },
    async (request, reply) => {
      await endMentorAssignment(app.db, actorOf(request), request.params.id, request.body.reason, auditContext(request));
      return reply.status(204).send();
    },
  );
};

export default keyTargetsRoutes;
