// The answers GA/T 1400 devices expect: ResponseStatusObject for single calls, ResponseStatusListObject
// with one entry per submitted object for list calls, SystemTimeObject for time sync.
import type { EventRejectionCode } from '@civgrid/domain';
import type { FastifyReply } from 'fastify';
import { toViidTime, viidTimeZone } from './time.ts';

export const VIID_CONTENT_TYPE = 'application/VIID+JSON;charset=UTF-8';

/** StatusCode values (0 OK … 9 Reboot) that civgrid answers with. */
export const STATUS = {
  ok: 0,
  otherError: 1,
  deviceBusy: 2,
  invalidOperation: 4,
  invalidJsonFormat: 7,
  invalidJsonContent: 8,
} as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

export interface ResponseStatus {
  RequestURL: string;
  StatusCode: StatusCode;
  StatusString: string;
  Id?: string;
  LocalTime: string;
}

export function responseStatus(
  requestUrl: string,
  code: StatusCode,
  text: string,
  now: Date,
  timeZone: string,
  id?: string,
): ResponseStatus {
  return {
    RequestURL: requestUrl,
    StatusCode: code,
    StatusString: text,
    ...(id === undefined ? {} : { Id: id }),
    LocalTime: toViidTime(now, timeZone),
  };
}

/** How a refused event is reported for its object: a device it may not send for is an invalid
 *  operation; everything else is content the pipeline could not take. */
export function statusOfRejection(code: EventRejectionCode): StatusCode {
  return code === 'UNKNOWN_DEVICE' ? STATUS.invalidOperation : STATUS.invalidJsonContent;
}

/** Sends a GA/T 1400 body with its content type (written out: Fastify serialises objects only for
 *  content types it recognises as JSON, and `VIID+JSON` is not one). */
export function sendViid(reply: FastifyReply, status: number, body: unknown) {
  return reply.status(status).header('content-type', VIID_CONTENT_TYPE).send(JSON.stringify(body));
}

export const single = (status: ResponseStatus) => ({ ResponseStatusObject: status });
export const list = (statuses: ResponseStatus[]) => ({
  ResponseStatusListObject: { ResponseStatusObject: statuses },
});

/** SystemTimeObject: TimeMode 1 (network time), local time and the zone's offset. */
export function systemTime(serverId: string, now: Date, timeZone: string) {
  return {
    SystemTimeObject: {
      VIIDServerID: serverId,
      TimeMode: '1',
      LocalTime: toViidTime(now, timeZone),
      TimeZone: viidTimeZone(now, timeZone),
    },
  };
}

/** civgrid's own 20-digit VIID ID: the city's code as the centre code (8 digits), industry 00, type 119
 *  (registering systems and VIIDs), network 0, serial 000001. */
export function viidServerId(cityCode: string): string {
  return `${cityCode.padEnd(8, '0').slice(0, 8)}001190000001`;
}
