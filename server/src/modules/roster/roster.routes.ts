import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  listClassesQuery,
  listRosterImportsQuery,
  rosterErrorsQuery,
  rosterFieldLabels,
  rosterFields,
  rosterPreviewInput,
  rosterStartInput,
  runPromotionInput,
  setClassTeachersInput,
} from '../../../../contracts/roster.ts';
import { AppError, ensure } from '../../errors.ts';
import { attachmentHeader, buildWorkbook, XLSX_MIME } from '../../lib/xlsx.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { whyNotManageRoster } from '../../policies/student-policy.ts';
import { fileTooLarge, multipartLimits, sanitizeFileName } from '../files/files.service.ts';
import {
  cancelImport,
  expireUploads,
  loadImport,
  previewImport,
  recoverStalledImports,
  ROSTER_MAX_BYTES,
  startImport,
  uploadRoster,
} from './roster-import.commands.ts';
import { RosterImportRunner } from './roster-import.runner.ts';
import { classesOf, classTeacherCandidates, promotionPreview, runPromotion, setClassTeachers } from './roster.commands.ts';
import { presentImport } from './roster.presenter.ts';
import { allImportErrors, listImportErrors, listRosterImports } from './roster.repository.ts';

const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const runner = new RosterImportRunner(app);
  app.addHook('onReady', async () => {
    await recoverStalledImports(app, runner);
    await expireUploads(app);
  });
  app.addHook('onClose', async () => runner.close());

  // ---- import: upload → preview (mapping) → start → progress → errors -------------------

  app.get('/roster-imports/template', { schema: { tags: ['roster'], summary: '学生名册导入模板 (.xlsx)' } }, async (request, reply) => {
    ensure(whyNotManageRoster(actorOf(request)));
    const file = await buildWorkbook(
      '学生名册',
      rosterFields.map((f) => rosterFieldLabels[f]),
      [],
    );
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader('学生名册导入模板.xlsx')).send(file);
  });

  app.get(
    '/roster-imports',
    { schema: { tags: ['roster'], summary: '本单位的名册导入记录', querystring: listRosterImportsQuery } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotManageRoster(actor));
      await recoverStalledImports(app, runner);
      const { rows, total } = await listRosterImports(app.db, actor.unitId!, request.query);
      return { items: rows.map((r) => presentImport(actor, r)), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.post(
    '/roster-imports',
    { schema: { tags: ['roster'], summary: '上传学生名册 .xlsx(返回表头识别结果、列对应建议和预览)' } },
    async (request, reply) => {
      const actor = actorOf(request);
      ensure(whyNotManageRoster(actor));
      if (!request.isMultipart()) throw new AppError('file_required');
      const part = await request.file(multipartLimits(ROSTER_MAX_BYTES));
      if (!part) throw new AppError('file_required');
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(ROSTER_MAX_BYTES);
        throw new AppError('upload_interrupted');
      }
      if (buffer.length > ROSTER_MAX_BYTES) throw fileTooLarge(ROSTER_MAX_BYTES);
      if (buffer.length === 0) throw new AppError('file_required');
      const { row, preview } = await uploadRoster(app, actor, buffer, sanitizeFileName(part.filename));
      return reply.status(201).send({ import: presentImport(actor, row), preview });
    },
  );

  app.get(
    '/roster-imports/:id',
    { schema: { tags: ['roster'], summary: '一次名册导入(进度与结果)', params: idParam } },
    async (request) => {
      const actor = actorOf(request);
      await recoverStalledImports(app, runner);
      return presentImport(actor, await loadImport(app, actor, request.params.id));
    },
  );

  app.post(
    '/roster-imports/:id/preview',
    {
      schema: { tags: ['roster'], summary: '按指定的表头行和列对应预览前几行(敏感字段已脱敏)', params: idParam, body: rosterPreviewInput },
    },
    async (request) => previewImport(app, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/roster-imports/:id/start',
    { schema: { tags: ['roster'], summary: '按确认的列对应开始导入(后台进行,轮询查看进度)', params: idParam, body: rosterStartInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await startImport(app, runner, actor, request.params.id, request.body, auditContext(request));
      return reply.status(202).send(presentImport(actor, row));
    },
  );

  app.post(
    '/roster-imports/:id/cancel',
    { schema: { tags: ['roster'], summary: '取消正在进行的导入', params: idParam } },
    async (request) => {
      const actor = actorOf(request);
      return presentImport(actor, await cancelImport(app, actor, request.params.id));
    },
  );

  app.get(
    '/roster-imports/:id/errors',
    { schema: { tags: ['roster'], summary: '未导入的行及原因', params: idParam, querystring: rosterErrorsQuery } },
    async (request) => {
      const actor = actorOf(request);
      await loadImport(app, actor, request.params.id);
      const { rows, total } = await listImportErrors(app.db, request.params.id, request.query);
      return {
        items: rows.map((r) => ({ row: r.row_number, studentNo: r.student_no, name: r.name, column: r.column_label, message: r.message })),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/roster-imports/:id/error-report',
    { schema: { tags: ['roster'], summary: '导入错误报告 (.xlsx)', params: idParam } },
    async (request, reply) => {
      const actor = actorOf(request);
      const job = await loadImport(app, actor, request.params.id);
      const errors = await allImportErrors(app.db, job.id);
      const file = await buildWorkbook(
        '错误报告',
        ['行号', '学号', '姓名', '列', '问题'],
        errors.map((e) => [e.row_number, e.student_no, e.name, e.column_label, e.message]),
      );
      const base = job.file_name.replace(/\.xlsx$/i, '');
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`${base}-错误报告.xlsx`))
        .send(file);
    },
  );

  // ---- classes and their 班主任 ----------------------------------------------------------

  app.get(
    '/roster/classes',
    { schema: { tags: ['roster'], summary: '班级及班主任(仅限可见范围)', querystring: listClassesQuery } },
    async (request) => classesOf(app.db, actorOf(request), request.query.unitId),
  );

  app.get('/roster/class-teacher-candidates', { schema: { tags: ['roster'], summary: '可担任班主任的本单位教师' } }, async (request) =>
    classTeacherCandidates(app.db, actorOf(request)),
  );

  app.put(
    '/roster/class-teachers',
    { schema: { tags: ['roster'], summary: '设置一个班级的班主任', body: setClassTeachersInput } },
    async (request) => setClassTeachers(app.db, actorOf(request), request.body, auditContext(request)),
  );

  // ---- grade promotion ----------------------------------------------------------------------

  app.get('/roster/promotion', { schema: { tags: ['roster'], summary: '本学年年级升级预览' } }, async (request) =>
    promotionPreview(app.db, actorOf(request)),
  );

  app.post(
    '/roster/promotion',
    { schema: { tags: ['roster'], summary: '执行本学年年级升级(每学年一次)', body: runPromotionInput } },
    async (request) => runPromotion(app.db, actorOf(request), request.body, auditContext(request)),
  );
};

export default rosterRoutes;
