// What a resident is told at each milestone of their case, in their words: the tracking number and where
// the matter stands — never who handles it (staff names, departments' people) or internal notes. The
// reason for a refusal or an unfixed close is read by the tracking number, not pushed into an SMS.
import { type CaseMilestone, type Message, maskMobileNumber } from '@civgrid/domain';

/** The milestones of the domain, and `received`: a resident's report has arrived. */
export type NotifyMilestone = CaseMilestone | 'received';

const TEXTS: Readonly<Record<NotifyMilestone, (no: string) => Message>> = {
  received: (no) => ({
    zh: `您反映的问题已收到，受理编号${no}，可凭编号查询办理进度。`,
    en: `We have received your report. Its tracking number is ${no}; use it to follow its progress.`,
  }),
  registered: (no) => ({
    zh: `您反映的问题（编号${no}）已受理，正在安排办理。`,
    en: `Your report ${no} has been accepted and is being arranged for handling.`,
  }),
  assigned: (no) => ({
    zh: `您反映的问题（编号${no}）已交有关部门办理。`,
    en: `Your report ${no} has been passed to those responsible for handling it.`,
  }),
  escalated: (no) => ({
    zh: `您反映的问题（编号${no}）已提请上一级协调办理。`,
    en: `Your report ${no} has been referred to the level above for coordinated handling.`,
  }),
  resolved: (no) => ({
    zh: `您反映的问题（编号${no}）已办结，欢迎对办理结果作出评价。`,
    en: `Your report ${no} has been resolved. Please rate how it was handled.`,
  }),
  'closed-unfixed': (no) => ({
    zh: `您反映的问题（编号${no}）已结案，但暂未能解决，原因可凭编号查询。`,
    en: `Your report ${no} has been closed but could not be fixed for now; look it up by its number for the reason.`,
  }),
  declined: (no) => ({
    zh: `您反映的问题（编号${no}）未予受理，原因可凭编号查询。`,
    en: `Your report ${no} was not taken on; look it up by its number for the reason.`,
  }),
  reopened: (no) => ({
    zh: `根据您的评价，您反映的问题（编号${no}）已重新办理。`,
    en: `Following your rating, your report ${no} is being handled again.`,
  }),
};

/** What an outbox row carries: enough for any channel to word the message, nothing about staff. */
export interface NotifyPayload {
  trackingNo: string;
  milestone: NotifyMilestone;
  text: Message;
}

/** The message for a milestone of the case with this tracking number, in Chinese and English. */
export function milestoneMessage(trackingNo: string, milestone: NotifyMilestone): NotifyPayload {
  return { trackingNo, milestone, text: TEXTS[milestone](trackingNo) };
}

/** A recipient as logs and the console may show it: a phone's mask, an openid's first characters. */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'sms') return maskMobileNumber(recipient);
  return recipient.length > 6 ? `${recipient.slice(0, 4)}…` : '…';
}
