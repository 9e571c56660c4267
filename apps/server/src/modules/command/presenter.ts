// Instruction rows to API shapes. Recipients leave as display name, role and unit only.
import type { InstructionRow } from './repository.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function presentInstruction(row: InstructionRow) {
  return {
    id: row.id,
    clientId: row.client_id,
    title: row.title,
    body: row.body,
    deadline: iso(row.deadline),
    replyRequired: row.reply_required,
    sentAt: row.sent_at.toISOString(),
    sender: { id: row.sender_id, name: row.sender_name, unit: row.sender_unit },
    targets: { units: row.target_units, roles: row.target_roles },
  };
}

export function presentReceipt(
  r: { received_at: Date | null; read_at: Date | null; last_reminded_at: Date | null },
  replies: readonly { id: string; client_id: string; body: string; written_at: Date }[],
) {
  return {
    receivedAt: iso(r.received_at),
    readAt: iso(r.read_at),
    lastRemindedAt: iso(r.last_reminded_at),
    replies: replies.map((x) => ({
      id: x.id,
      clientId: x.client_id,
      body: x.body,
      writtenAt: x.written_at.toISOString(),
    })),
  };
}

export function presentRecipient(
  r: {
    user_id: string;
    display_name: string;
    role: string;
    unit_code: string;
    unit_name: string;
    received_at: Date | null;
    read_at: Date | null;
    first_reply_at: Date | null;
    reminders: number;
    last_reminded_at: Date | null;
  },
  replies: readonly { user_id: string; body: string; written_at: Date }[],
) {
  return {
    userId: r.user_id,
    name: r.display_name,
    role: r.role,
    unit: { code: r.unit_code, name: r.unit_name },
    receivedAt: iso(r.received_at),
    readAt: iso(r.read_at),
    firstReplyAt: iso(r.first_reply_at),
    replies: replies
      .filter((x) => x.user_id === r.user_id)
      .map((x) => ({ body: x.body, writtenAt: x.written_at.toISOString() })),
    reminders: r.reminders,
    lastRemindedAt: iso(r.last_reminded_at),
  };
}
