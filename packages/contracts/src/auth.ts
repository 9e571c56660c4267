import { ACTIONS, ORG_LEVELS, ROLES } from '@civgrid/domain';
import { z } from 'zod';

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const ZScope = z.object({ code: z.string(), name: z.string(), level: z.enum(ORG_LEVELS) });
export type TScope = z.infer<typeof ZScope>;

export const ZSessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope: ZScope,
  permissions: z.array(z.enum(ACTIONS)),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

export const ZLoginResponse = z.object({ user: ZSessionUser });
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZCreateApiKey = z.object({ name: z.string().trim().min(1).max(80) });
export const ZApiKeyCreated = z.object({ id: z.string(), name: z.string(), key: z.string() });
