// The flat command API as the console uses it (apps/server/src/modules/command/schemas.ts).
export const INSTRUCTIONS_API = '/api/v1/instructions';
export const COMMAND_PATH = '/command';

export interface TCounts {
  recipients: number;
  received: number;
  read: number;
  replied: number;
  overdue: number;
  reminders: number;
}

export interface TInstruction {
  id: string;
  clientId: string;
  title: string;
  body: string;
  deadline: string | null;
  replyRequired: boolean;
  sentAt: string;
  sender: { id: string; name: string; unit: string };
  targets: { units: string[]; roles: string[] };
}

export interface TMyReceipt {
  receivedAt: string | null;
  readAt: string | null;
  lastRemindedAt: string | null;
  replies: { id: string; clientId: string; body: string; writtenAt: string }[];
}

export interface TInstructionPage {
  instruction: TInstruction;
  mine: TMyReceipt | null;
  counts: TCounts | null;
}

export interface TSentList {
  items: (TInstruction & { counts: TCounts })[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TInbox {
  items: (TInstruction & { mine: TMyReceipt })[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export const RECIPIENT_STATUSES = ['all', 'unreceived', 'unread', 'unreplied', 'replied'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export interface TRecipient {
  userId: string;
  name: string;
  role: string;
  unit: { code: string; name: string };
  receivedAt: string | null;
  readAt: string | null;
  firstReplyAt: string | null;
  replies: { body: string; writtenAt: string }[];
  reminders: number;
  lastRemindedAt: string | null;
}

export interface TRecipientList {
  items: TRecipient[];
  total: number;
  counts: TCounts;
  page: number;
  pageSize: number;
}

/** The roles an instruction may go to (the auditor neither sends nor receives). */
export const RECIPIENT_ROLES = [
  'county-centre',
  'township-centre',
  'village-centre',
  'grid-worker',
  'police',
  'department',
] as const;

/** A client id for a write, so a resend after a lost answer changes nothing. */
export const newClientId = () => crypto.randomUUID();
