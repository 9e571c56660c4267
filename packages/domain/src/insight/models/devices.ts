// Device health: a sensing device with no event and no heartbeat for longer than its own limit
// (`device.offline_minutes`, plus the rule's grace) is offline. Contacts after `asOf` are unknown to a run
// as of then, so they are left out; a device never heard from is being installed, not offline, unless the
// rule says otherwise.

import type { AlertCandidate } from './alert.ts';
import type { DeviceOfflineSettings } from './rules.ts';

export interface DeviceHealth {
  deviceId: string;
  code: string;
  type: string;
  gridId: string;
  orgPath: string;
  houseId: string | null;
  buildingId: string | null;
  offlineMinutes: number;
  lastEventAt: Date | null;
  lastHeartbeatAt: Date | null;
  createdAt: Date;
}

/** The last contact (event or heartbeat) at or before `asOf`, or null. */
export function lastContact(d: DeviceHealth, asOf: Date): Date | null {
  const known = [d.lastEventAt, d.lastHeartbeatAt].filter(
    (t): t is Date => t !== null && t.getTime() <= asOf.getTime(),
  );
  return known.length === 0 ? null : new Date(Math.max(...known.map((t) => t.getTime())));
}

/** `device-offline` candidates: devices silent for longer than `offlineMinutes + graceMinutes`. */
export function deviceOffline(
  devices: readonly DeviceHealth[],
  asOf: Date,
  s: DeviceOfflineSettings,
): AlertCandidate[] {
  if (!s.enabled) return [];
  const candidates: AlertCandidate[] = [];
  for (const d of devices) {
    const limitMs = (d.offlineMinutes + s.graceMinutes) * 60_000;
    const last = lastContact(d, asOf);
    if (last === null && !(s.isNeverSeenOffline && d.createdAt.getTime() < asOf.getTime() - limitMs))
      continue;
    if (last !== null && asOf.getTime() - last.getTime() <= limitMs) continue;
    const silentMinutes = Math.floor((asOf.getTime() - (last ?? d.createdAt).getTime()) / 60_000);
    candidates.push({
      rule: 'device-offline',
      dedupKey: `device:${d.deviceId}`,
      situationAt: last ?? d.createdAt,
      severity: s.severity,
      subject: { kind: 'device', deviceId: d.deviceId },
      houseId: d.houseId,
      buildingId: d.buildingId,
      gridId: d.gridId,
      orgPath: d.orgPath,
      evidence: {
        summary:
          last === null
            ? {
                zh: `设备 ${d.code} 登记后从未上报（已 ${silentMinutes} 分钟）`,
                en: `Device ${d.code} has never reported since it was registered (${silentMinutes} min)`,
              }
            : {
                zh: `设备 ${d.code} 已 ${silentMinutes} 分钟无事件和心跳（上限 ${d.offlineMinutes} 分钟）`,
                en: `Device ${d.code} sent no event or heartbeat for ${silentMinutes} min (limit ${d.offlineMinutes} min)`,
              },
        figures: {
          deviceCode: d.code,
          deviceType: d.type,
          lastEventAt: d.lastEventAt && d.lastEventAt <= asOf ? d.lastEventAt.toISOString() : null,
          lastHeartbeatAt:
            d.lastHeartbeatAt && d.lastHeartbeatAt <= asOf ? d.lastHeartbeatAt.toISOString() : null,
          silentMinutes,
        },
        thresholds: {
          offlineMinutes: d.offlineMinutes,
          graceMinutes: s.graceMinutes,
          isNeverSeenOffline: s.isNeverSeenOffline,
        },
        events: [],
      },
      dispatchTo: s.dispatchTo,
      ackMinutes: s.ackMinutes,
      quietHours: s.quietHours,
    });
  }
  return candidates;
}
