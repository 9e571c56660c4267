// One catalogue of errors: every error the API returns has a code, an HTTP status and a message in
// Simplified Chinese and English. Handlers throw `AppError`; the error handler shapes the body.

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不符合要求', en: 'The request is not valid' },
  WEAK_PASSWORD: { status: 400, zh: '密码不符合规则', en: 'The password does not meet the rules' },
  SCOPE_LEVEL_NOT_ALLOWED: {
    status: 400,
    zh: '该角色不能管辖此层级的单位',
    en: 'This role cannot be scoped to a unit of that level',
  },
  UNKNOWN_UNIT: {
    status: 400,
    zh: '组织单位不存在或不在您的管辖范围内',
    en: 'No such unit in your jurisdiction',
  },
  UNKNOWN_GRID: { status: 400, zh: '网格编码不存在', en: 'No grid has this code' },
  PURPOSE_REQUIRED: { status: 400, zh: '此查询必须说明用途', en: 'This query needs a purpose' },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误，或账号已被临时锁定',
    en: 'Wrong username or password, or the account is temporarily locked',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '会话已过期，请重新登录',
    en: 'Your session has expired; please log in again',
  },
  FORBIDDEN: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  DEMO_PASSWORD_REFUSED: {
    status: 403,
    zh: '生产模式下不能使用演示密码，请由管理员重置密码',
    en: 'Demo passwords are refused in production mode; ask an administrator to reset it',
  },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  BATCH_TOO_LARGE: {
    status: 413,
    zh: '一批最多 10,000 个事件，请分批发送',
    en: 'A batch holds at most 10,000 events; split it',
  },
  UNKNOWN_DEVICE: {
    status: 404,
    zh: '设备未登记，或不在您的管辖范围内',
    en: 'No such device in your jurisdiction',
  },
  INGEST_BUSY: {
    status: 503,
    zh: '接入繁忙，请按 Retry-After 稍后重发',
    en: 'Ingestion is busy; resend after Retry-After',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  CASE_STEP_FORBIDDEN: {
    status: 403,
    zh: '您不能对此案件执行该办理步骤',
    en: 'You may not take this step on this case',
  },
  CASE_STEP_CONFLICT: {
    status: 409,
    zh: '案件当前状态不允许该办理步骤',
    en: "The case's current state does not allow this step",
  },
  CASE_VERSION_CONFLICT: {
    status: 409,
    zh: '案件已被他人更新，请刷新后重试',
    en: 'Someone else changed the case meanwhile; reload it and try again',
  },
  CASE_CATEGORY_UNKNOWN: {
    status: 400,
    zh: '案件类别不存在或已停用',
    en: 'No active case category has this code',
  },
  CASE_CATEGORY_TREE_INVALID: {
    status: 400,
    zh: '案件类别设置有误',
    en: 'The case category tree is not valid',
  },
  CASE_LOCATION_OUTSIDE: {
    status: 400,
    zh: '案件位置不在您管辖范围内的任何网格中',
    en: 'The location lies in no grid of your jurisdiction',
  },
  CASE_ASSIGNEE_UNKNOWN: {
    status: 400,
    zh: '承办人不存在、已停用，或其管辖范围不包含该案件',
    en: 'No such active handler whose jurisdiction includes the case',
  },
  PHOTO_TYPE_UNSUPPORTED: {
    status: 400,
    zh: '照片只能是 JPEG、PNG 或 WebP 格式',
    en: 'A photo must be a JPEG, PNG or WebP image',
  },
  PHOTO_MALFORMED: {
    status: 400,
    zh: '照片文件已损坏或不完整',
    en: 'The photo file is damaged or incomplete',
  },
  PHOTO_TOO_LARGE: { status: 413, zh: '每张照片不能超过 8 MB', en: 'Each photo must be at most 8 MB' },
  PHOTO_TOO_MANY: { status: 400, zh: '每个案件最多 4 张照片', en: 'A case holds at most 4 photos' },
  ALERT_STATE_CONFLICT: {
    status: 409,
    zh: '预警当前状态不允许该操作，请刷新后重试',
    en: "The alert's current state does not allow this; reload it and try again",
  },
  WATCHLIST_STATE_CONFLICT: {
    status: 409,
    zh: '布控条目当前状态不允许该操作，请刷新后重试',
    en: "The watchlist entry's current state does not allow this; reload it and try again",
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    /** A more precise message (already localised) than the catalogue's, e.g. the rule a field broke. */
    readonly detail?: { zh: string; en: string },
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export type Lang = 'zh' | 'en';

/** The response language from an Accept-Language header: Chinese unless English is preferred. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function errorBody(code: ErrorCode, lang: Lang, field?: string, detail?: { zh: string; en: string }) {
  const message = detail ? detail[lang] : ERRORS[code][lang];
  return { error: field ? { code, message, field } : { code, message } };
}
