// The MQTT door into the ingestion pipeline (MQTT_URL): topic `civgrid/events/<deviceCode>`, payload one
// event or an array, taken through the MQTT 5 shared subscription `$share/civgrid/civgrid/events/+` so
// any number of civgrid processes split the stream.
//
// Nothing is acknowledged before it is committed. Messages arrive at QoS 1; they are gathered for a
// moment (20 ms or 1,000 events), ingested as one batch, and only after that batch's commit does the
// broker get their PUBACKs, in the order the messages came. A process that dies before then leaves them
// unacknowledged in its broker session, and the broker delivers them again when the process comes back
// with the same client id (`civgrid-<host>-<port>`, persistent session): the pipeline's (device, eventId)
// key turns the second delivery into duplicates, so each event is stored once. When the pipeline is
// full the batch waits and tries again; nothing is dropped. Operators: a session of a process that is
// down still receives its share of the group (Mosquitto queues it for its return), so keep
// `max_queued_messages` at 0 or high, and bring a stopped instance back on the same host and port.
import { hostname } from 'node:os';
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { cityRoot } from '../org/service.ts';
import { type IngestResult, ingestEvents } from './ingest.ts';

export const SHARE_GROUP = 'civgrid';
export const TOPIC_ROOT = 'civgrid/events';

export interface MqttIngestOptions {
  url: string;
  /** Stable per instance, so a restarted process finds its session and what it had not acknowledged. */
  clientId?: string;
  group?: string;
  topicRoot?: string;
  maxBatchEvents?: number;
  maxWaitMs?: number;
  /** How long the broker keeps this instance's session (and its unacknowledged messages) while it is away. */
  sessionExpirySeconds?: number;
  log?: (line: string) => void;
}

export interface MqttIngestStats {
  /** Messages received (redeliveries included) and acknowledged after their batch committed. */
  messages: number;
  acknowledged: number;
  events: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Times the pipeline was full and a batch waited to try again. */
  busy: number;
}

export interface MqttIngest {
  readonly stats: MqttIngestStats;
  readonly subscription: string;
  /** Settles once the first subscription is in place. */
  readonly ready: Promise<void>;
  /** Unsubscribes, finishes and acknowledges what it holds, and disconnects, keeping the session. */
  stop(): Promise<void>;
}

/** The subscription every civgrid process shares. */
export const sharedSubscription = (group = SHARE_GROUP, root = TOPIC_ROOT) => `$share/${group}/${root}/+`;

interface Held {
  messageId: number | undefined;
  qos: number;
  /** The connection it came on: a PUBACK is only valid on that one. */
  stream: unknown;
  events: unknown[];
  channel: string;
}

/** Batches in flight at once: one committing while the next gathers and validates. */
const MAX_RUNNING = 2;
/** Beyond this many unacknowledged messages the client stops reading until batches commit. */
const MAX_UNACKED = 10_000;
// Handed to mqtt.js so it moves on to the next packet without sending the PUBACK itself.
const HELD = new Error('acknowledged after commit');

/** Connects and starts taking events; returns at once (the broker may be down: mqtt.js keeps retrying). */
export function startMqttIngest(ctx: Context, options: MqttIngestOptions): MqttIngest {
  const root = options.topicRoot ?? TOPIC_ROOT;
  const subscription = sharedSubscription(options.group ?? SHARE_GROUP, root);
  const maxBatchEvents = options.maxBatchEvents ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 20;
  const log = options.log ?? (() => {});
  const stats: MqttIngestStats = {
    messages: 0,
    acknowledged: 0,
    events: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    busy: 0,
  };

  const client: MqttClient = connect(options.url, {
    protocolVersion: 5,
    clientId: options.clientId ?? `civgrid-${hostname()}-${ctx.config.port}`,
    clean: false,
    resubscribe: false,
    reconnectPeriod: 1_000,
    properties: {
      sessionExpiryInterval: options.sessionExpirySeconds ?? 86_400,
      // Room for the batch committing, the one waiting and the one gathering.
      receiveMaximum: Math.min(65_535, (MAX_RUNNING + 1) * maxBatchEvents),
    },
  });

  let buffer: Held[] = [];
  let bufferedEvents = 0;
  let unacked = 0;
  let running = 0;
  let timer: NodeJS.Timeout | null = null;
  let ackChain: Promise<boolean> = Promise.resolve(true);
  let paused: (() => void)[] = [];
  let lastArrival = Date.now();
  let giveUpAt = Number.POSITIVE_INFINITY;
  let isStopping = false;
  let actor: Actor | null = null;

  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  // Connection changes are logged once each, not at every retry while the broker is away.
  let lastReport = '';
  const report = (line: string) => {
    if (line !== lastReport) log(`mqtt: ${line}`);
    lastReport = line;
  };
  client.on('connect', () => {
    report(`connected to ${options.url}`);
    if (isStopping) return;
    client.subscribe(subscription, { qos: 1 }, (error) => {
      if (error) report(`subscribing to ${subscription} failed: ${error.message}`);
      else markReady();
    });
  });
  client.on('close', () => {
    if (!isStopping) report('connection lost; reconnecting');
  });
  client.on('error', (error) => report(`${error.message}; retrying`));

  // mqtt.js sends a QoS 1 PUBACK as soon as this callback runs, and reads the next packet only then, so
  // deferring it (customHandleAcks) would take one message per commit. Instead every message is taken
  // in at once and its PUBACK is sent here, after the commit, on the connection it came on.
  client.handleMessage = (packet: IPublishPacket, callback) => {
    const held: Held = {
      messageId: packet.messageId,
      qos: packet.qos,
      stream: client.stream,
      events: eventsOf(packet.payload),
      channel: packet.topic.slice(root.length + 1),
    };
    stats.messages++;
    lastArrival = Date.now();
    buffer.push(held);
    bufferedEvents += held.events.length;
    unacked++;
    schedule();
    if (unacked >= MAX_UNACKED) paused.push(() => callback(HELD));
    else callback(HELD);
  };

  function acknowledge(batch: Held[]) {
    for (const held of batch) {
      if (held.qos === 0 || held.messageId === undefined) continue;
      // After a reconnect the broker redelivers these itself; an old message id may now mean another message.
      if (!client.connected || client.stream !== held.stream) continue;
      // biome-ignore lint/complexity/useLiteralKeys: `_sendPacket` is private in mqtt.js's types
      client['_sendPacket']({ cmd: 'puback', messageId: held.messageId, reasonCode: 0 });
      stats.acknowledged++;
    }
  }

  function schedule() {
    if (bufferedEvents >= maxBatchEvents) flush();
    else if (timer === null && buffer.length > 0) timer = setTimeout(flush, maxWaitMs);
  }

  function flush() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (running >= MAX_RUNNING || buffer.length === 0) return;
    let take = 0;
    let events = 0;
    while (take < buffer.length && (take === 0 || events + buffer[take]!.events.length <= maxBatchEvents))
      events += buffer[take++]!.events.length;
    const batch = buffer.slice(0, take);
    buffer = buffer.slice(take);
    bufferedEvents -= events;
    running++;
    const committed = ingestBatch(batch);
    const previous = ackChain;
    // PUBACKs leave in arrival order: a batch is acknowledged after its own commit and its predecessor's
    // acknowledgement. A batch given up on (only while stopping) stops the acknowledgements after it.
    ackChain = (async () => {
      const [isInOrder, result] = await Promise.all([previous, committed]);
      if (isInOrder && result !== null) acknowledge(batch);
      return isInOrder && result !== null;
    })();
    void ackChain.then(() => {
      running--;
      unacked -= batch.length;
      if (unacked < MAX_UNACKED) {
        const resume = paused;
        paused = [];
        for (const go of resume) go();
      }
      if (buffer.length > 0 && timer === null) flush();
    });
    if (buffer.length > 0) schedule();
  }

  async function ingestBatch(batch: Held[]): Promise<IngestResult | null> {
    const raws: unknown[] = [];
    const channels: string[] = [];
    for (const held of batch) {
      for (const event of held.events) {
        raws.push(event);
        channels.push(held.channel);
      }
    }
    if (raws.length === 0) return { accepted: 0, duplicates: 0, rejected: [] };
    for (let attempt = 0; ; attempt++) {
      try {
        actor ??= await mqttActor(ctx);
        const result = await ingestEvents(ctx, actor, raws, 'mqtt', 'en', channels);
        if (result) {
          stats.events += raws.length;
          stats.accepted += result.accepted;
          stats.duplicates += result.duplicates;
          stats.rejected += result.rejected.length;
          return result;
        }
        stats.busy++;
      } catch (error) {
        if (attempt % 20 === 0) log(`mqtt: ingesting a batch failed, retrying: ${(error as Error).message}`);
      }
      // Busy or failing: wait and try again. Only a stop that has run out of patience gives up, leaving
      // the messages unacknowledged for the broker to deliver again.
      if (Date.now() >= giveUpAt) return null;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 2_000)));
    }
  }

  async function stop() {
    if (isStopping) return;
    isStopping = true;
    // No new share for this process; what the broker already sent still arrives, so wait for a quiet line.
    if (client.connected) await client.unsubscribeAsync(subscription).catch(() => {});
    const quietUntil = Date.now() + 5_000;
    while (Date.now() < quietUntil && Date.now() - lastArrival < 100)
      await new Promise((resolve) => setTimeout(resolve, 50));
    giveUpAt = Date.now() + 10_000;
    while (buffer.length > 0 || running > 0) {
      flush();
      await ackChain;
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const go of paused) go();
    paused = [];
    // The session stays on the broker: anything still unacknowledged comes back with this client id.
    await client.endAsync();
  }

  return { stats, subscription, ready, stop };
}

/** A payload as events: a JSON array, one JSON value, or (not JSON) its text, which the pipeline
 *  refuses and dead-letters like any malformed event. */
function eventsOf(payload: Buffer | string): unknown[] {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return [text];
  }
}

/** MQTT events are civgrid's own intake: who may publish on the topic is the broker's ACL to decide. */
async function mqttActor(ctx: Context): Promise<Actor> {
  const root = await cityRoot(ctx.db);
  if (!root) throw new Error('no city in the database yet');
  return systemActor(root, 'mqtt');
}
