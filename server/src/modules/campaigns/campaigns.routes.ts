import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CampaignDto } from '../../../../contracts/campaigns.ts';
import { ensure } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.ts';
import { whyNotViewCampaigns } from '../../policies/campaign-policy.ts';
import { listCampaignRows, listSubtypeRows, listTrackRows } from './campaigns.repository.ts';

const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/campaigns', { schema: { tags: ['campaigns'], summary: '主题活动与类别概览' } }, async (request): Promise<CampaignDto[]> => {
    ensure(whyNotViewCampaigns(actorOf(request)));
    const campaigns = await listCampaignRows(app.db);
    const tracks = await listTrackRows(
      app.db,
      campaigns.map((c) => c.id),
    );
    const subtypes = await listSubtypeRows(
      app.db,
      tracks.map((t) => t.id),
    );
    return campaigns.map((c) => ({
      id: c.id,
      year: c.year,
      title: c.title,
      status: c.status,
      noticeText: c.notice_text,
      summaryDueOn: c.summary_due_on,
      tracks: tracks
        .filter((t) => t.campaign_id === c.id)
        .map((t) => ({
          id: t.id,
          code: t.code,
          name: t.name,
          kind: t.kind,
          hostUnit: t.host_unit_id ? { id: t.host_unit_id, name: t.host_unit_name ?? '' } : null,
          contactName: t.contact_name,
          contactEmail: t.contact_email,
          contactPhone: t.contact_phone,
          coordinator: t.coordinator_user_id ? { id: t.coordinator_user_id, displayName: t.coordinator_name ?? '' } : null,
          subtypes: subtypes.filter((s) => s.track_id === t.id).map((s) => ({ id: s.id, code: s.code, name: s.name })),
        })),
    }));
  });
};

export default campaignsRoutes;
