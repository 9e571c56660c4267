// The WeChat door into residents' cases. A text opens a case (category `other`, placed at the location the
// sender shared in the last 30 minutes, else unlocated at the city centre); a text holding a tracking
// number answers that case's status; "评价 <tracking number> <1-5> [comment]" rates a case its sender
// filed (the openid is the proof). Each message is handled once: WeChat resends what it got no answer to
// within five seconds, and `wechat_message` turns every resend into the first delivery's reply.
import { timingSafeEqual } from 'node:crypto';
import { MAX_CASE_TEXT } from '@civgrid/domain';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findCaseByTrackingNo } from '../cases/repository.ts';
import { openResidentCase, rateAsResident, residentView, TRACKING_NO } from '../cases/residents.ts';
import { gcj02ToWgs84 } from './gcj02.ts';
import type { WechatMessage } from './protocol.ts';
import { REPLIES, statusReply } from './replies.ts';
import * as repo from './repository.ts';

/** How long messages are kept (and so resends recognised), and how old a location may be to place a text. */
const KEEP_MINUTES = 30;
const LOCATION_MINUTES = 30;
/** How long a resend waits for the first delivery's reply: WeChat itself gives up after five seconds. */
const RESEND_WAIT_MS = 4000;
const MINUTE = 60_000;

// A tracking number anywhere in a text, in any case: the sender may have typed it in lower case.
const TRACKING_NO_IN_TEXT = new RegExp(`(?<![0-9A-Z])${TRACKING_NO.source.slice(1, -1)}(?![0-9A-Z])`);
const RATING = /^评价\s*([0-9A-Za-z]{16})\s*([1-5])\s*分?\s*([\s\S]*)$/;
const HELP = /^(帮助|help|\?|？)$/i;

interface Sender {
  openid: string;
  openidHash: Buffer;
}

type Location = { lng: number; lat: number; label: string | null };

/** A location message's point in WGS84 (Location_X is the latitude, Location_Y the longitude, GCJ-02). */
function locationOf(message: WechatMessage): Location | undefined {
  const lat = Number(message.Location_X);
  const lng = Number(message.Location_Y);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return undefined;
  return { ...gcj02ToWgs84({ lng, lat }), label: message.Label?.trim().slice(0, 300) || null };
}

/** The key WeChat itself advises deduplicating on: MsgId, or for events the sender and CreateTime. */
function messageKey(message: WechatMessage): string {
  return message.MsgId || `${message.MsgType}:${message.CreateTime}:${message.Event ?? ''}`;
}

/** The reply text to a message, or null when none is due (WeChat then shows nothing). */
export async function answerMessage(ctx: Context, message: WechatMessage): Promise<string | null> {
  const sender = { openid: message.FromUserName, openidHash: ctx.crypto.keyedHash(message.FromUserName) };
  const msgKey = messageKey(message);
  const location = message.MsgType === 'location' ? locationOf(message) : undefined;
  const now = ctx.now();
  await repo.purgeMessages(ctx.db, new Date(now.getTime() - KEEP_MINUTES * MINUTE));
  const isFirst = await repo.claimMessage(ctx.db, {
    openidHash: sender.openidHash,
    msgKey,
    kind: location ? 'location' : message.MsgType,
    location,
    receivedAt: now,
  });
  if (!isFirst) return replyOfFirstDelivery(ctx, sender.openidHash, msgKey);
  try {
    const reply = await replyTo(ctx, message, sender, location);
    await repo.recordReply(ctx.db, sender.openidHash, msgKey, reply);
    return reply;
  } catch (error) {
    await repo.releaseMessage(ctx.db, sender.openidHash, msgKey);
    throw error;
  }
}

/** A resend: the first delivery's reply, waiting for it while that delivery is still being handled. */
async function replyOfFirstDelivery(
  ctx: Context,
  openidHash: Buffer,
  msgKey: string,
): Promise<string | null> {
  const until = Date.now() + RESEND_WAIT_MS;
  for (;;) {
    const stored = await repo.storedReply(ctx.db, openidHash, msgKey);
    if (stored) return stored.reply;
    if (Date.now() >= until) return null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function replyTo(
  ctx: Context,
  message: WechatMessage,
  sender: Sender,
  location: Location | undefined,
): Promise<string | null> {
  switch (message.MsgType) {
    case 'text':
      return replyToText(ctx, (message.Content ?? '').trim(), sender);
    case 'location':
      return location ? REPLIES.locationNoted(location.label) : REPLIES.unsupported;
    case 'event':
      return message.Event === 'subscribe' ? REPLIES.welcome : null;
    default:
      return REPLIES.unsupported;
  }
}

async function replyToText(ctx: Context, text: string, sender: Sender): Promise<string> {
  if (text === '' || HELP.test(text)) return REPLIES.help;
  if (text.startsWith('评价')) return rate(ctx, text, sender);
  const trackingNo = TRACKING_NO_IN_TEXT.exec(text.toUpperCase())?.[0];
  if (trackingNo) return caseStatus(ctx, trackingNo, sender);
  if ([...text].length > MAX_CASE_TEXT) return REPLIES.tooLong(MAX_CASE_TEXT);
  return openCase(ctx, text, sender);
}

async function caseStatus(ctx: Context, trackingNo: string, sender: Sender): Promise<string> {
  const view = await residentView(ctx, trackingNo);
  if (!view) return REPLIES.notFound(trackingNo);
  const stored = (await findCaseByTrackingNo(ctx.db, trackingNo))?.reporter_openid_hash;
  const isFiler =
    !!stored && stored.length === sender.openidHash.length && timingSafeEqual(stored, sender.openidHash);
  return statusReply(view, ctx.config.timezone, isFiler);
}

async function rate(ctx: Context, text: string, sender: Sender): Promise<string> {
  const m = RATING.exec(text);
  const trackingNo = m?.[1]?.toUpperCase();
  if (!m || !trackingNo || !TRACKING_NO.test(trackingNo)) return REPLIES.rateUsage;
  const comment = m[3]!.trim();
  if ([...comment].length > MAX_CASE_TEXT) return REPLIES.tooLong(MAX_CASE_TEXT);
  try {
    const view = await rateAsResident(
      ctx,
      trackingNo,
      { openid: sender.openid },
      { rating: Number(m[2]), comment: comment || undefined },
      'wechat',
    );
    return REPLIES.rated(view);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'NOT_FOUND') return REPLIES.notYours(trackingNo);
    return REPLIES.cannotRate(trackingNo, error.detail?.zh ?? '案件当前状态不允许评价');
  }
}

async function openCase(ctx: Context, text: string, sender: Sender): Promise<string> {
  const since = new Date(ctx.now().getTime() - LOCATION_MINUTES * MINUTE);
  const place = await repo.latestLocation(ctx.db, sender.openidHash, since);
  const report = {
    channel: 'wechat' as const,
    category: 'other',
    description: text,
    openid: sender.openid,
    address: place?.label ?? undefined,
  };
  const tz = ctx.config.timezone;
  if (!place) return REPLIES.opened(await openResidentCase(ctx, report), tz, REPLIES.unplaced);
  try {
    const receipt = await openResidentCase(ctx, { ...report, location: { lng: place.lng, lat: place.lat } });
    return REPLIES.opened(receipt, tz, REPLIES.placed(place.label));
  } catch (error) {
    // A point outside every grid is still a resident's matter: the city centre takes it unlocated.
    if (!(error instanceof AppError) || error.code !== 'CASE_LOCATION_OUTSIDE') throw error;
    return REPLIES.opened(await openResidentCase(ctx, report), tz, REPLIES.outside);
  }
}
