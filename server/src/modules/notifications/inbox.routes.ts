import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import { listInboxQuery, listMailsQuery } from '../../../../contracts/notifications.ts';
import { ensure, found } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.ts';
import { whyNotReadInboxMessage, whyNotViewMailLog } from '../../policies/notification-policy.ts';
import { presentInboxMessage, presentMail } from './notifications.presenter.ts';
import { countUnread, findInboxMessage, listInbox, listMails, markAllRead, markRead } from './notifications.repository.ts';

/** The in-app inbox of every user, and the institute admin's log of outgoing mail. */
const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/inbox', { schema: { tags: ['inbox'], summary: '我的消息', querystring: listInboxQuery } }, async (request) => {
    const actor = actorOf(request);
    const { rows, total } = await listInbox(app.db, actor.id, request.query);
    return { items: rows.map(presentInboxMessage), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/inbox/unread-count', { schema: { tags: ['inbox'], summary: '未读消息数' } }, async (request) => {
    return { count: await countUnread(app.db, actorOf(request).id) };
  });

  app.post('/inbox/:id/read', { schema: { tags: ['inbox'], summary: '标记为已读', params: idParam } }, async (request) => {
    const message = found(await findInboxMessage(app.db, request.params.id));
    ensure(whyNotReadInboxMessage(actorOf(request), message));
    return presentInboxMessage(await markRead(app.db, message.id));
  });

  app.post('/inbox/read-all', { schema: { tags: ['inbox'], summary: '全部标记为已读' } }, async (request) => {
    return { count: await markAllRead(app.db, actorOf(request).id) };
  });

  app.get('/mails', { schema: { tags: ['inbox'], summary: '邮件记录(发件队列)', querystring: listMailsQuery } }, async (request) => {
    ensure(whyNotViewMailLog(actorOf(request)));
    const { rows, total } = await listMails(app.db, request.query);
    return {
      items: rows.map(presentMail),
      total,
      page: request.query.page,
      pageSize: request.query.pageSize,
      mode: app.config.mail.mode,
    };
  });
};

export default inboxRoutes;
