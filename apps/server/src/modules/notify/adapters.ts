// Channels behind one interface. `log` writes the message to the server log and counts as delivered (the
// default, so a demo needs no gateway); `sms` and `wechat` POST JSON to a webhook the installation runs in
// front of its SMS gateway or WeChat Official Account (CIVGRID_SMS_WEBHOOK, CIVGRID_WECHAT_WEBHOOK), where
// any 2xx is delivered and anything else (or no answer in time) is tried again later.
import type { Config } from '../../platform/config.ts';
import { maskRecipient, type NotifyPayload } from './messages.ts';

export interface OutgoingMessage {
  /** The outbox row's id: the same on every attempt, so a receiver can drop a repeat. */
  id: string;
  channel: string;
  topic: string;
  /** In clear: the phone number or openid. */
  recipient: string;
  payload: NotifyPayload;
}

export interface NotifyAdapter {
  readonly name: string;
  /** Resolves when the channel has taken the message; throws (with a reason) when it has not. */
  send(message: OutgoingMessage): Promise<void>;
}

export function logAdapter(log: (line: string) => void): NotifyAdapter {
  return {
    name: 'log',
    async send(message) {
      log(
        `notify ${message.channel} ${maskRecipient(message.channel, message.recipient)} #${message.id}: ${message.payload.text.zh}`,
      );
    },
  };
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export function webhookAdapter(name: string, url: string, timeoutMs = WEBHOOK_TIMEOUT_MS): NotifyAdapter {
  return {
    name,
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: message.id,
          channel: message.channel,
          to: message.recipient,
          topic: message.topic,
          trackingNo: message.payload.trackingNo,
          milestone: message.payload.milestone,
          text: message.payload.text.zh,
          textEn: message.payload.text.en,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.text().catch(() => '');
      if (response.status < 200 || response.status > 299)
        throw new Error(`${name} webhook answered ${response.status}: ${answer.slice(0, 200)}`);
    },
  };
}

export type ChannelAdapters = Readonly<Record<string, NotifyAdapter>>;

/** One adapter per channel: the configured webhook, else the log. */
export function channelAdapters(config: Config, log: (line: string) => void): ChannelAdapters {
  const fallback = logAdapter(log);
  return {
    sms: config.smsWebhook ? webhookAdapter('sms', config.smsWebhook) : fallback,
    wechat: config.wechatWebhook ? webhookAdapter('wechat', config.wechatWebhook) : fallback,
    log: fallback,
  };
}
