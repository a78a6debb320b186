import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import { coverageQuery, coverageSettingsInput, drillDownQuery } from '../../../../contracts/coverage.ts';
import { semesterLabels } from '../../../../contracts/school-year.ts';
import { ensure } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { XLSX_MIME } from '../../lib/xlsx.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import type { Actor } from '../../policies/actor.ts';
import { isInstituteAdmin } from '../../policies/actor.ts';
import { whyNotManageCoverageSettings, whyNotViewCoverage } from '../../policies/coverage-policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { coverageWorkbook } from './coverage.export.ts';
import { coverageSettings, updateCoverageSettings } from './coverage.repository.ts';
import { buildCoverageReport, drillDown } from './coverage.service.ts';

/** The admin sees the units asked for; a unit's staff always and only their own unit. */
function reportScope(actor: Actor): { unitId?: number } {
  ensure(whyNotViewCoverage(actor));
  return isInstituteAdmin(actor) ? {} : { unitId: actor.unitId! };
}

const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coverage',
    { schema: { tags: ['coverage'], summary: '六个全覆盖:各单位情况及全院合计', querystring: coverageQuery } },
    async (request) => buildCoverageReport(app.db, { ...request.query, ...reportScope(actorOf(request)) }),
  );

  app.get(
    '/coverage/export',
    { schema: { tags: ['coverage'], summary: '六个全覆盖情况导出(.xlsx)', querystring: coverageQuery } },
    async (request, reply) => {
      const report = await buildCoverageReport(app.db, { ...request.query, ...reportScope(actorOf(request)) });
      const name = `六个全覆盖情况-${report.schoolYear}学年${semesterLabels[report.semester]}.xlsx`;
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(name))
        .send(await coverageWorkbook(report));
    },
  );

  app.get(
    '/coverage/units/:id/missing',
    { schema: { tags: ['coverage'], summary: '某单位某项尚未覆盖的学生或事项', params: idParam, querystring: drillDownQuery } },
    async (request) => {
      ensure(whyNotViewCoverage(actorOf(request), request.params.id));
      return drillDown(app.db, request.params.id, request.query);
    },
  );

  app.get('/coverage/settings', { schema: { tags: ['coverage'], summary: '六个全覆盖的达标设置' } }, async (request) => {
    ensure(whyNotViewCoverage(actorOf(request)));
    return coverageSettings(app.db);
  });

  app.put(
    '/coverage/settings',
    { schema: { tags: ['coverage'], summary: '修改达标设置(学院管理员)', body: coverageSettingsInput } },
    async (request) => {
      const actor = actorOf(request);
      ensure(whyNotManageCoverageSettings(actor));
      const before = await coverageSettings(app.db);
      await app.db.transaction().execute(async (trx) => {
        await updateCoverageSettings(trx, request.body, actor.id);
        await recordAudit(trx, auditContext(request), {
          action: 'coverage.settings_updated',
          entityType: 'coverage_settings',
          entityId: 1,
          summary: { before, after: request.body },
        });
      });
      return coverageSettings(app.db);
    },
  );
};

export default coverageRoutes;
