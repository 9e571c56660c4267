// The WeChat Official Account callback (公众号服务器配置) at /wechat/callback, with the token from
// CIVGRID_WECHAT_TOKEN (empty: switched off). GET is WeChat's check of the server: a good signature is
// answered with `echostr`. POST is a message: a good signature gets a passive reply, or `success` when
// none is due. A bad or stale signature is answered 403 either way. Bodies are read as text here only.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isSignedByWechat, parseWechatMessage, textReply } from './protocol.ts';
import { REPLIES } from './replies.ts';
import { answerMessage } from './service.ts';

const PATH = '/wechat/callback';
const tag = { tags: ['wechat'] };

export function wechatRoutes(ctx: Context): FastifyPluginAsync {
  return async (app) => {
    const token = ctx.config.wechat.token;
    if (token === '') return;

    // WeChat posts `text/xml`; whatever it is labelled, the body is read as text and parsed here.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, body),
    );

    const checkSignature = (request: FastifyRequest) => {
      if (!isSignedByWechat(token, request.query as Record<string, unknown>, ctx.now()))
        throw new AppError('FORBIDDEN', 'signature', {
          zh: '微信签名校验失败',
          en: 'The WeChat signature does not match, or its timestamp is stale',
        });
    };

    app.get(
      PATH,
      { schema: { ...tag, summary: 'WeChat server check: echoes echostr when the signature holds' } },
      (request, reply) => {
        checkSignature(request);
        const echo = (request.query as Record<string, unknown>).echostr;
        return reply.type('text/plain; charset=utf-8').send(typeof echo === 'string' ? echo : '');
      },
    );

    app.post(
      PATH,
      { schema: { ...tag, summary: 'A WeChat message: answered with a passive text reply' } },
      async (request, reply) => {
        checkSignature(request);
        const message = parseWechatMessage(typeof request.body === 'string' ? request.body : '');
        if (!message) throw new AppError('VALIDATION_FAILED', 'body');
        const send = (content: string | null, r: FastifyReply) =>
          content === null
            ? r.type('text/plain; charset=utf-8').send('success')
            : r.type('application/xml; charset=utf-8').send(textReply(message, content, ctx.now()));
        try {
          return send(await answerMessage(ctx, message), reply);
        } catch (error) {
          // WeChat would show "this account cannot serve you now"; a resident is better told to try again.
          request.log.error({ err: error }, 'wechat message failed');
          return send(REPLIES.busy, reply);
        }
      },
    );
  };
}
