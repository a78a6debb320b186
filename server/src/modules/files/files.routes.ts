import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import { ensure, found } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { actorOf } from '../../plugins/auth.ts';
import { whyNotViewCampaigns } from '../../policies/campaign-policy.ts';
import { whyNotDownloadFile, whyNotViewSubmission } from '../../policies/submission-policy.ts';
import { submissionTarget } from '../submissions/submissions.presenter.ts';
import { findSubmission } from '../submissions/submissions.repository.ts';
import { findFileReferences, findStoredFile } from './files.repository.ts';
import { reviewerFileReason } from '../reviews/reviews.service.ts';

const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/files/:id', { schema: { tags: ['files'], summary: '下载文件(原文件名)', params: idParam } }, async (request, reply) => {
    const actor = actorOf(request);
    const file = found(await findStoredFile(app.db, request.params.id));
    const refs = await findFileReferences(app.db, file.id);
    const submissions = await Promise.all(refs.submissionIds.map((id) => findSubmission(app.db, id)));
    ensure(
      whyNotDownloadFile(actor, {
        uploadedBy: file.uploaded_by,
        campaignLinked: refs.campaignLinked,
        campaignReason: whyNotViewCampaigns(actor),
        // An assigned reviewer may download the attachments of the case they review.
        submissionReasons: await Promise.all(
          submissions.flatMap((s) =>
            s ? [reviewerFileReason(app.db, actor, s.id, whyNotViewSubmission(actor, submissionTarget(s)))] : [],
          ),
        ),
      }),
    );
    return reply
      .header('content-type', file.mime_type)
      .header('content-length', String(file.size_bytes))
      .header('content-disposition', attachmentHeader(file.original_name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(app.storage.createReadStream(file.storage_key));
  });
};

export default filesRoutes;
