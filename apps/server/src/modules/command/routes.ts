// Flat command (扁平指挥): sending and following instructions (centres), the inbox, receipts and replies
// (every working role). Writes from the field app carry a client id and are idempotent.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import {
  commandErrors as errors,
  ZInstructionId,
  ZInstructionPage,
  ZMineList,
  ZMineQuery,
  ZReceipt,
  ZReceiptAnswer,
  ZRecipientList,
  ZRecipientsQuery,
  ZRemind,
  ZRemindAnswer,
  ZReplyAnswer,
  ZReplyBody,
  ZSendInstruction,
  ZSentList,
  ZSentQuery,
} from './schemas.ts';
import * as command from './service.ts';

const tags = ['command'];

export function commandRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/instructions',
      {
        schema: {
          tags,
          summary:
            'Send an instruction to the users of chosen units (subtrees) and roles; recipients are resolved now. A replay of the clientId answers the first (200)',
          body: ZSendInstruction,
          response: { 200: ZInstructionPage, 201: ZInstructionPage, ...errors },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'command.send');
        const { page, isReplay } = await command.sendInstruction(ctx, actor, request.body);
        return reply.status(isReplay ? 200 : 201).send(page);
      },
    );
    app.get(
      '/api/v1/instructions',
      {
        schema: {
          tags,
          summary: 'Instructions sent from my jurisdiction, newest first, with receipt counts (audited)',
          querystring: ZSentQuery,
          response: { 200: ZSentList, ...errors },
        },
      },
      async (request) => command.listSent(ctx, await authorize(ctx, request, 'command.send'), request.query),
    );
    app.get(
      '/api/v1/instructions/mine',
      {
        schema: {
          tags,
          summary: 'My inbox, newest first, with my receipt and replies; listing marks them received',
          querystring: ZMineQuery,
          response: { 200: ZMineList, ...errors },
        },
      },
      async (request) =>
        command.listMine(ctx, await authorize(ctx, request, 'command.receive'), request.query),
    );
    app.get(
      '/api/v1/instructions/:id',
      {
        schema: {
          tags,
          summary: 'One instruction: my copy if I received it, the counts if my centre follows it',
          params: ZInstructionId,
          response: { 200: ZInstructionPage, ...errors },
        },
      },
      async (request) =>
        command.readInstruction(ctx, await authorize(ctx, request, 'command.receive'), request.params.id),
    );
    app.post(
      '/api/v1/instructions/:id/read',
      {
        schema: {
          tags,
          summary: 'Read receipt (idempotent: the first receipt stays)',
          params: ZInstructionId,
          body: ZReceipt,
          response: { 200: ZReceiptAnswer, ...errors },
        },
      },
      async (request) =>
        command.markRead(
          ctx,
          await authorize(ctx, request, 'command.receive'),
          request.params.id,
          request.body,
        ),
    );
    app.post(
      '/api/v1/instructions/:id/replies',
      {
        schema: {
          tags,
          summary: 'Reply (idempotent by clientId: a replay answers the first, 200)',
          params: ZInstructionId,
          body: ZReplyBody,
          response: { 200: ZReplyAnswer, 201: ZReplyAnswer, ...errors },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'command.receive');
        const answer = await command.reply(ctx, actor, request.params.id, request.body);
        return reply.status(answer.isReplay ? 200 : 201).send(answer);
      },
    );
    app.get(
      '/api/v1/instructions/:id/recipients',
      {
        schema: {
          tags,
          summary: 'Who received, read and replied (filter: unreceived, unread, unreplied, replied), paged',
          params: ZInstructionId,
          querystring: ZRecipientsQuery,
          response: { 200: ZRecipientList, ...errors },
        },
      },
      async (request) =>
        command.listRecipients(
          ctx,
          await authorize(ctx, request, 'command.send'),
          request.params.id,
          request.query,
        ),
    );
    app.post(
      '/api/v1/instructions/:id/reminders',
      {
        schema: {
          tags,
          summary: 'Remind the recipients who have not read (or not replied); the reminder is recorded',
          params: ZInstructionId,
          body: ZRemind,
          response: { 200: ZRemindAnswer, ...errors },
        },
      },
      async (request) =>
        command.remind(
          ctx,
          await authorize(ctx, request, 'command.send'),
          request.params.id,
          request.body.target,
        ),
    );
  };
}
