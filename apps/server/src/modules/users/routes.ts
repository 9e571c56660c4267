import {
  ZCreateUser,
  ZErrorBody,
  ZUpdateUser,
  ZUserList,
  ZUserListQuery,
  ZUserResponse,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import * as users from './service.ts';

const tags = ['users'];
const ZIdParams = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export function userRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/users',
      {
        schema: {
          tags,
          summary: "Users in the caller's scope",
          querystring: ZUserListQuery,
          response: { 200: ZUserList },
        },
      },
      async (request) => users.listUsers(ctx, await authorize(ctx, request, 'user.read'), request.query),
    );
    app.get(
      '/api/v1/users/:id',
      {
        schema: { tags, summary: 'One user', params: ZIdParams, response: { 200: ZUserResponse, ...errors } },
      },
      async (request) => ({
        user: await users.getUser(ctx, await authorize(ctx, request, 'user.read'), request.params.id),
      }),
    );
    app.post(
      '/api/v1/users',
      {
        schema: {
          tags,
          summary: 'Create a user',
          body: ZCreateUser,
          response: { 201: ZUserResponse, ...errors },
        },
      },
      async (request, reply) => {
        const user = await users.createUser(ctx, await authorize(ctx, request, 'user.manage'), request.body);
        return reply.status(201).send({ user });
      },
    );
    app.patch(
      '/api/v1/users/:id',
      {
        schema: {
          tags,
          summary: 'Change name, role, scope or password',
          params: ZIdParams,
          body: ZUpdateUser,
          response: { 200: ZUserResponse, ...errors },
        },
      },
      async (request) => ({
        user: await users.updateUser(
          ctx,
          await authorize(ctx, request, 'user.manage'),
          request.params.id,
          request.body,
        ),
      }),
    );
    for (const [verb, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post(
        `/api/v1/users/:id/${verb}`,
        {
          schema: {
            tags,
            summary: disabled ? 'Disable a user and end its sessions' : 'Enable a user and clear its lock',
            params: ZIdParams,
            response: { 200: ZUserResponse, ...errors },
          },
        },
        async (request) => ({
          user: await users.setDisabled(
            ctx,
            await authorize(ctx, request, 'user.manage'),
            request.params.id,
            disabled,
          ),
        }),
      );
    }
  };
}
