import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import type { FormTemplate } from '../../../../contracts/form-template.ts';
import { ensure, found } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { XLSX_MIME } from '../../lib/xlsx.ts';
import { actorOf } from '../../plugins/auth.ts';
import { whyNotExportTrackList, whyNotExportUnitList } from '../../policies/form-check-policy.ts';
import { isInstituteAdmin } from '../../policies/actor.ts';
import { isUnitStaff } from '../../policies/submission-policy.ts';
import { contentFromSnapshot, formCheckStatusOf } from '../form-check/form-check.presenter.ts';
import { caseSnapshot } from '../submissions/submissions.commands.ts';
import * as repo from '../form-check/form-check.repository.ts';
import { loadVisibleSubmission } from '../submissions/submissions.commands.ts';
import { DOCX_MIME } from '../../lib/docx.ts';
import { buildCaseDocument } from './case-document.ts';
import { buildRecommendationList, recommendationRows } from './recommendation-list.ts';

const tags = ['exports'];
const id = z.coerce.number().int().positive();

/** A file name every operating system accepts, keeping the Chinese. */
function safeFileName(name: string, max = 60): string {
  const cleaned = name.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim();
  return cleaned.length > max ? cleaned.slice(0, max) : cleaned || '未命名';
}

const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/exports/campaigns/:id/units/:unitId/recommendation-list.xlsx',
    { schema: { tags, summary: '本单位推荐清单(.xlsx,通知规定的列)', params: z.object({ id, unitId: id }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      ensure(whyNotExportUnitList(actor, request.params.unitId));
      const campaign = found(await repo.findCampaignBrief(app.db, request.params.id));
      const unit = found(await repo.findUnitBrief(app.db, request.params.unitId));
      const rows = await recommendationRows(app.db, await repo.listSentOfUnit(app.db, campaign.id, unit.id));
      const file = await buildRecommendationList(`${campaign.title}推荐清单(${unit.name})`, rows, new Date());
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`${safeFileName(`${campaign.year}年推荐清单-${unit.name}`)}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  app.get(
    '/exports/tracks/:id/recommendation-list.xlsx',
    { schema: { tags, summary: '类别推荐清单(.xlsx;牵头人不含本单位申报)', params: idParam } },
    async (request, reply) => {
      const actor = actorOf(request);
      const track = found(await repo.findTrackBrief(app.db, request.params.id));
      ensure(whyNotExportTrackList(actor, { coordinatorId: track.coordinator_user_id }));
      // The coordinator's list leaves out their own unit's cases (the institute admin handles those).
      const exceptUnit = isInstituteAdmin(actor) ? null : actor.unitId;
      const rows = await recommendationRows(app.db, await repo.listSentOfTrack(app.db, track.id, exceptUnit));
      const file = await buildRecommendationList(`${track.campaign_title}推荐清单(${track.name})`, rows, new Date());
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`${safeFileName(`${track.campaign_year}年推荐清单-${track.name}`)}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  app.get(
    '/exports/submissions/:id/case.docx',
    { schema: { tags, summary: '单个申报的可打印 Word 文档', params: idParam } },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await loadVisibleSubmission(app.db, actor, request.params.id);
      // The unit prints its case as it is now; everyone else the latest submitted version.
      const latest = isUnitStaff(actor, row.unit_id) ? undefined : (await repo.latestSnapshots(app.db, [row.id])).get(row.id);
      const content = contentFromSnapshot(latest ? latest.snapshot : await caseSnapshot(app.db, row, row.receipt_no));
      const file = await buildCaseDocument({
        campaign: { year: row.campaign_year, title: row.campaign_title },
        track: { name: row.track_name, kind: row.track_kind },
        unitName: row.unit_name,
        receiptNo: row.receipt_no,
        status: formCheckStatusOf(row),
        submittedAt: formCheckStatusOf(row) ? row.submitted_at : null,
        versionNo: latest?.versionNo ?? null,
        template: row.form_template as FormTemplate,
        content,
      });
      const name = `${row.receipt_no ? `${row.receipt_no}-` : ''}${content.title || '申报案例'}`;
      return reply
        .header('content-type', DOCX_MIME)
        .header('content-disposition', attachmentHeader(`${safeFileName(name)}.docx`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );
};

export default exportsRoutes;
