// The models for admins: run them all as of a moment (interfaces.md), dry-run one rule's thresholds, and
// read or change the thresholds in force.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize } from '../../../platform/http.ts';
import {
  alertErrors as errors,
  ZDryRun,
  ZDryRunResult,
  ZModelRun,
  ZModelRunSummary,
  ZRuleName,
  ZRuleSettingsBody,
  ZRuleSettingsList,
} from '../../alerts/schemas.ts';
import { dryRun, runModels } from './runner.ts';
import { listRuleSettings, saveRuleSettings } from './settings.ts';

const tags = ['alerts'];

/** `asOf` given, or now; never in the future (the models would see events that have not happened). */
function asOfOrNow(ctx: Context, asOf: string | undefined): Date {
  const now = ctx.now();
  if (!asOf) return now;
  const at = new Date(asOf);
  if (at.getTime() > now.getTime())
    throw new AppError('VALIDATION_FAILED', 'asOf', {
      zh: 'asOf：不能晚于当前时间',
      en: 'asOf: may not lie in the future',
    });
  return at;
}

export function modelRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/admin/models/run',
      {
        schema: {
          tags,
          summary: 'Run every periodic model as of asOf (default now) and raise what they find',
          body: ZModelRun,
          response: { 200: ZModelRunSummary, ...errors },
        },
      },
      async (request) => {
        const actor = await authorize(ctx, request, 'alert.manage');
        const summary = await runModels(ctx, asOfOrNow(ctx, request.body.asOf), {
          trigger: 'admin',
          actor,
          wait: true,
        });
        return summary!;
      },
    );
    app.post(
      '/api/v1/admin/models/dry-run',
      {
        schema: {
          tags,
          summary: 'How many alerts one rule would raise as of asOf with these settings (writes nothing)',
          body: ZDryRun,
          response: { 200: ZDryRunResult, ...errors },
        },
      },
      async (request) => {
        const actor = await authorize(ctx, request, 'alert.manage');
        return dryRun(ctx, actor, {
          rule: request.body.rule,
          settings: request.body.settings,
          category: request.body.category ?? null,
          asOf: asOfOrNow(ctx, request.body.asOf),
        });
      },
    );
    app.get(
      '/api/v1/admin/alert-rules',
      {
        schema: {
          tags,
          summary: 'Every alert rule: defaults, the thresholds in force, the stored overrides',
          response: { 200: ZRuleSettingsList, ...errors },
        },
      },
      async (request) => {
        await authorize(ctx, request, 'alert.manage');
        return listRuleSettings(ctx);
      },
    );
    app.put(
      '/api/v1/admin/alert-rules/:rule',
      {
        schema: {
          tags,
          summary: "Replace a rule's override (or one category's); empty settings remove it",
          params: ZRuleName,
          body: ZRuleSettingsBody,
          response: { 200: ZRuleSettingsList, ...errors },
        },
      },
      async (request) =>
        saveRuleSettings(
          ctx,
          await authorize(ctx, request, 'alert.manage'),
          request.params.rule,
          request.body.category,
          request.body.settings,
        ),
    );
  };
}
