// What the Official Account says back, in Chinese: residents write in Chinese and WeChat shows the reply
// as a chat message, so each is short and tells the resident what they can do next.
import type { TResidentCaseView } from '@civgrid/contracts';
import { wallClock } from '@civgrid/domain';

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-03-01 08:00` on the city's clock. */
export function localTime(at: string | Date, timeZone: string): string {
  const w = wallClock(new Date(at), timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

const RATE_FORMAT = '评价 工单编号 分数(1-5) 意见';

export const REPLIES = {
  welcome:
    '感谢关注！直接发送文字即可反映问题（如“小区东门路灯不亮”），我们会生成工单并告诉您编号。\n' +
    '想让工作人员找到地点，可先发送“位置”，30 分钟内再发文字描述。\n' +
    `发送工单编号可查询办理进度；办结后可回复“${RATE_FORMAT}”评价。`,
  help:
    '直接发送文字即可反映问题；先发送位置再描述，可定位到所在网格。\n' +
    `发送工单编号（如 GD260301ABCD2345）可查询进度；办结后回复“${RATE_FORMAT}”评价。`,
  unsupported: '暂时只能处理文字和位置消息。请用文字描述您要反映的问题，或先发送位置再描述。',
  tooLong: (max: number) => `内容过长（最多 ${max} 字），请精简后重新发送。`,
  busy: '系统繁忙，请稍后再发送一次。',
  locationNoted: (label: string | null) =>
    `已收到您的位置${label ? `：${label}` : ''}。请在 30 分钟内用文字描述问题，工单将按此位置派到所在网格。`,
  rateUsage: `评价格式：${RATE_FORMAT}，例如“评价 GD260301ABCD2345 5 处理及时”。`,
  notFound: (trackingNo: string) => `未找到工单 ${trackingNo}，请核对编号后重试。`,
  notYours: (trackingNo: string) =>
    `未找到您提交的工单 ${trackingNo}。只有通过本公众号提交该工单的用户可以评价。`,
  cannotRate: (trackingNo: string, why: string) => `工单 ${trackingNo} 暂不能评价：${why}。`,
  rated: (view: TResidentCaseView) =>
    view.isOpen
      ? `感谢您的评价。您对办理结果不满意，工单 ${view.trackingNo} 已重新交办，我们会继续处理。`
      : `感谢您对工单 ${view.trackingNo} 的评价！`,
  opened: (receipt: { trackingNo: string; dueAt: string }, timeZone: string, place: string) =>
    `您反映的问题已受理。\n工单编号：${receipt.trackingNo}\n办结时限：${localTime(receipt.dueAt, timeZone)} 前\n` +
    `${place}\n发送工单编号可随时查询进度；办结后可回复“${RATE_FORMAT}”评价。`,
  placed: (label: string | null) => `已按您发送的位置${label ? `（${label}）` : ''}派到所在网格。`,
  outside: '您发送的位置不在本市网格范围内，工单由市级中心受理后安排。',
  unplaced: '如需定位，可先发送位置，再发送文字描述。',
} as const;

/** How long a progress line in a status reply may be before it is cut (a reply holds 2,048 bytes). */
const MAX_NOTE = 200;

/** A case's status as its follower reads it; with the rating hint only for the one who filed it. */
export function statusReply(view: TResidentCaseView, timeZone: string, isFiler: boolean): string {
  const latest = view.progress.at(-1);
  const note = latest ? [...latest.text.zh] : [];
  const lines = [
    `工单 ${view.trackingNo}`,
    `状态：${view.statusLabel.zh}`,
    `类别：${view.category.name.zh}`,
    `受理时间：${localTime(view.openedAt, timeZone)}`,
    view.isOpen ? `办结时限：${localTime(view.dueAt, timeZone)} 前` : null,
    view.closedAt ? `结案时间：${localTime(view.closedAt, timeZone)}` : null,
    latest
      ? `最新进展：${note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE).join('')}…` : note.join('')}`
      : null,
    view.rating !== null ? `您的评价：${view.rating} 分` : null,
    isFiler && view.canRateUntil
      ? `请对办理结果评价：回复“评价 ${view.trackingNo} 分数(1-5) 意见”，${localTime(view.canRateUntil, timeZone)} 前有效。`
      : null,
  ];
  return lines.filter((l) => l !== null).join('\n');
}
