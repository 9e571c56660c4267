import { ROLES } from '@civgrid/domain';
import { z } from 'zod';
import { ZScope } from './auth.ts';
import { pageOf, ZPageQuery } from './common.ts';

export const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope: ZScope,
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserListQuery = ZPageQuery.extend({
  q: z.string().trim().optional(),
  role: z.enum(ROLES).optional(),
});
export const ZUserList = pageOf(ZUser);
export type TUserList = z.infer<typeof ZUserList>;

export const ZCreateUser = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/),
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(128),
  role: z.enum(ROLES),
  scopeCode: z.string().min(1),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: z.enum(ROLES).optional(),
  scopeCode: z.string().min(1).optional(),
  password: z.string().min(1).max(128).optional(),
});
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZUserResponse = z.object({ user: ZUser });
