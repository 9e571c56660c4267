// The MQTT door end to end through a real broker (Mosquitto on 127.0.0.1:1883, or MQTT_TEST_URL): events
// published on `<root>/<deviceCode>` are stored once, consumers on one shared subscription split the
// stream, malformed payloads are dead-lettered, and a consumer that dies before its commit gets its
// messages again. Each test uses its own topic root and share group, so runs on one broker stay apart.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connect, connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestState } from '../src/modules/sensing/ingest.ts';
import { type MqttIngest, sharedSubscription, startMqttIngest } from '../src/modules/sensing/mqtt.ts';
import { createHarness, type Harness } from './harness.ts';

const BROKER = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

async function isBrokerUp(url: string): Promise<boolean> {
  try {
    const probe = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 3_000 }, false);
    await probe.endAsync();
    return true;
  } catch {
    return false;
  }
}
const isUp = await isBrokerUp(BROKER);
// CI starts Mosquitto (.ci/run); a developer without a broker sees these tests skipped, not passed.
if (!isUp && process.env.CI) throw new Error(`no MQTT broker at ${BROKER}`);

const LONG = 180_000;
let h: Harness;
let devices: { code: string; type: string }[];
let publisher: MqttClient;
const running: MqttIngest[] = [];
const clients: MqttClient[] = [];

beforeAll(async () => {
  if (!isUp) return;
  h = await createHarness();
  devices = await h.ctx.db
    .selectFrom('device')
    .select(['code', 'type'])
    .where('type', 'in', ['face', 'plate', 'door'])
    .orderBy('code')
    .limit(6)
    .execute();
  publisher = await connectAsync(BROKER, { protocolVersion: 5 });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(async () => {
  if (!isUp) return;
  await publisher.endAsync();
  await h.close();
});

const unique = () => randomBytes(5).toString('hex');

/** A topic root and share group of the test's own. */
function channel() {
  const tag = unique();
  return { tag, topicRoot: `test-${tag}/civgrid/events`, group: `g${tag}` };
}

async function consumer(c: ReturnType<typeof channel>, clientId = `civgrid-test-${unique()}`) {
  const ingest = startMqttIngest(h.ctx, {
    url: BROKER,
    clientId,
    group: c.group,
    topicRoot: c.topicRoot,
    sessionExpirySeconds: 60,
  });
  running.push(ingest);
  await ingest.ready;
  return ingest;
}

const event = (tag: string, i: number, device = devices[i % devices.length]!) => ({
  eventId: `${tag}-${i}`,
  deviceCode: device.code,
  type: device.type,
  time: new Date(h.clock.now.getTime() - (i % 60) * 60_000).toISOString(),
  direction: i % 2 ? 'in' : 'out',
});

const publish = (root: string, deviceCode: string, payload: unknown) =>
  publisher.publishAsync(
    `${root}/${deviceCode}`,
    typeof payload === 'string' ? payload : JSON.stringify(payload),
    {
      qos: 1,
    },
  );

/** Polls until `isDone()`; the bound only turns a hang into a failure, it asserts no speed. */
async function until(isDone: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + LONG - 30_000;
  while (!(await isDone())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const storedWith = async (tag: string) =>
  Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from sensing_event where event_id like ${`${tag}-%`}`.execute(h.ctx.db)
    ).rows[0]!.n,
  );

describe.skipIf(!isUp)('MQTT door (real broker)', () => {
  it('subscribes to the shared subscription civgrid processes split', () => {
    expect(sharedSubscription()).toBe('$share/civgrid/civgrid/events/+');
  });

  it(
    'stores every published event exactly once, whether sent alone, in arrays, or again',
    async () => {
      const c = channel();
      const ingest = await consumer(c);
      const events = Array.from({ length: 60 }, (_, i) => event(c.tag, i));
      for (const e of events) await publish(c.topicRoot, e.deviceCode, e);
      // The same events again, one array per device.
      const byDevice = new Map<string, typeof events>();
      for (const e of events) byDevice.set(e.deviceCode, [...(byDevice.get(e.deviceCode) ?? []), e]);
      for (const [code, batch] of byDevice) await publish(c.topicRoot, code, batch);
      const messages = events.length + byDevice.size;
      await until(() => ingest.stats.acknowledged >= messages, `${messages} acknowledgements`);
      expect(await storedWith(c.tag)).toBe(60);
      expect(ingest.stats).toMatchObject({ events: 120, accepted: 60, duplicates: 60, rejected: 0 });
    },
    LONG,
  );

  it(
    'lets two consumers on one shared subscription split the messages and store every event once',
    async () => {
      const c = channel();
      const [a, b] = await Promise.all([consumer(c), consumer(c)]);
      const total = 200;
      await Promise.all(
        Array.from({ length: total }, (_, i) => event(c.tag, i)).map((e) =>
          publish(c.topicRoot, e.deviceCode, e),
        ),
      );
      await until(() => a.stats.acknowledged + b.stats.acknowledged >= total, `${total} acknowledgements`);
      expect(a.stats.messages).toBeGreaterThan(0);
      expect(b.stats.messages).toBeGreaterThan(0);
      expect(a.stats.messages + b.stats.messages).toBe(total);
      expect(a.stats.accepted + b.stats.accepted).toBe(total);
      expect(await storedWith(c.tag)).toBe(total);
    },
    LONG,
  );

  it(
    'holds messages while the pipeline is full and stores them all once it frees, dropping none',
    async () => {
      const c = channel();
      const ingest = await consumer(c);
      // Fill the pipeline's gate (4 running, 16 waiting) with work that waits for the test.
      let release: () => void = () => {};
      const blocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      const gate = ingestState(h.ctx).gate;
      const occupants = Array.from({ length: 20 }, () => gate.run(() => blocked));
      const events = Array.from({ length: 30 }, (_, i) => event(c.tag, i));
      for (const e of events) await publish(c.topicRoot, e.deviceCode, e);
      await until(() => ingest.stats.busy >= 3, 'the consumer to meet a full pipeline');
      expect(ingest.stats.acknowledged).toBe(0);
      expect(await storedWith(c.tag)).toBe(0);
      release();
      await Promise.all(occupants);
      await until(() => ingest.stats.acknowledged >= events.length, `${events.length} acknowledgements`);
      expect(await storedWith(c.tag)).toBe(events.length);
    },
    LONG,
  );

  it(
    "dead-letters malformed payloads and events naming another device than their topic's",
    async () => {
      const c = channel();
      const ingest = await consumer(c);
      const [first, second] = devices as [{ code: string; type: string }, { code: string; type: string }];
      const deadBefore = Number(
        (await sql<{ n: string }>`select max(id) as n from sensing_dead_letter`.execute(h.ctx.db)).rows[0]!
          .n ?? 0,
      );
      await publish(c.topicRoot, first.code, '{"eventId": "broken');
      await publish(c.topicRoot, first.code, '42');
      await publish(c.topicRoot, first.code, [
        event(c.tag, 1, first),
        event(c.tag, 2, second), // published on the first device's topic
        { eventId: `${c.tag}-3` },
      ]);
      await until(() => ingest.stats.acknowledged >= 3, '3 acknowledgements');
      const dead = await sql<{
        source: string;
        code: string;
        event_id: string | null;
        message: string;
        payload: unknown;
      }>`
        select source, code, event_id, message, payload from sensing_dead_letter where id > ${deadBefore} order by id`.execute(
        h.ctx.db,
      );
      // Batches may commit in either order, so the rows are compared as a set.
      const rows = dead.rows.map((r) => ({
        source: r.source,
        code: r.code,
        eventId: r.event_id,
        payload: r.payload,
      }));
      expect(rows).toHaveLength(4);
      expect(rows).toEqual(
        expect.arrayContaining([
          { source: 'mqtt', code: 'INVALID_EVENT', eventId: null, payload: { value: '{"eventId": "broken' } },
          { source: 'mqtt', code: 'INVALID_EVENT', eventId: null, payload: { value: '42' } },
          {
            source: 'mqtt',
            code: 'INVALID_EVENT',
            eventId: `${c.tag}-3`,
            payload: { eventId: `${c.tag}-3` },
          },
          expect.objectContaining({ source: 'mqtt', code: 'UNKNOWN_DEVICE', eventId: `${c.tag}-2` }),
        ]),
      );
      expect(dead.rows.find((r) => r.code === 'UNKNOWN_DEVICE')!.message).toMatch(/topic/);
      expect(await storedWith(c.tag)).toBe(1);
      expect(ingest.stats).toMatchObject({ events: 5, accepted: 1, rejected: 4 });
    },
    LONG,
  );

  it(
    'redelivers to a consumer that comes back what it held unacknowledged when it died',
    async () => {
      const c = channel();
      const clientId = `civgrid-test-${unique()}`;
      // A consumer that takes messages in and dies before any commit: it never acknowledges.
      let received = 0;
      const doomed = connect(BROKER, {
        protocolVersion: 5,
        clientId,
        clean: false,
        reconnectPeriod: 0,
        properties: { sessionExpiryInterval: 60 },
      });
      doomed.handleMessage = () => {
        received++; // and never calls back: no PUBACK
      };
      await new Promise((resolve) => doomed.once('connect', resolve));
      await doomed.subscribeAsync(sharedSubscription(c.group, c.topicRoot), { qos: 1 });
      const events = Array.from({ length: 20 }, (_, i) => event(c.tag, i));
      for (const e of events) await publish(c.topicRoot, e.deviceCode, e);
      await until(() => received > 0, 'the doomed consumer to receive');
      doomed.stream.destroy(); // a crash: no DISCONNECT, nothing acknowledged
      doomed.end(true);
      expect(await storedWith(c.tag)).toBe(0);

      const successor = await consumer(c, clientId);
      await until(async () => (await storedWith(c.tag)) === 20, '20 stored events');
      await until(() => successor.stats.acknowledged >= 20, '20 acknowledgements');
      expect(successor.stats.accepted).toBe(20);
      expect(await storedWith(c.tag)).toBe(20);
    },
    LONG,
  );
});
