// The catalogue of validation rules behind every import-line and form rejection, with messages in
// Chinese and English that name the field. Chinese names a field by its label (身份证号); English names
// it by its JSON key (idNumber), because English readers of an import answer are integrators who have
// to find the key in their file.

export type Message = { zh: string; en: string };

export type RuleCode =
  | 'required'
  | 'type'
  | 'tooLong'
  | 'tooMany'
  | 'text.characters'
  | 'duplicate'
  | 'field.notAllowed'
  | 'idNumber.format'
  | 'idNumber.region'
  | 'idNumber.birthDate'
  | 'idNumber.checkDigit'
  | 'phone.format'
  | 'plate.format'
  | 'plate.province'
  | 'plate.issuer'
  | 'plate.characters'
  | 'gridCode.format'
  | 'mac.format'
  | 'date.format'
  | 'date.order'
  | 'birthDate.mismatch'
  | 'enum'
  | 'number.integer'
  | 'number.range'
  | 'code.format';

/** Placeholders besides {field}: a number, a string, or a pair when the wording differs by language. */
export type RuleExtra = Readonly<Record<string, string | number | Message>>;

/** Message templates; `{field}` is the field's label, other `{x}` come from the rejection's extra. */
export const RULES: Readonly<Record<RuleCode, Message>> = {
  required: { zh: '{field}不能为空', en: '{field}: is required' },
  type: { zh: '{field}应为{expected}', en: '{field}: must be {expected}' },
  tooLong: { zh: '{field}不能超过{max}个字符', en: '{field}: at most {max} characters' },
  tooMany: { zh: '{field}最多{max}项', en: '{field}: at most {max} entries' },
  'text.characters': {
    zh: '{field}含有控制字符或无效字符',
    en: '{field}: contains control or invalid characters',
  },
  duplicate: { zh: '{field}与前面的项重复', en: '{field}: repeats an earlier entry' },
  'field.notAllowed': { zh: '{field}仅适用于{context}', en: '{field}: only allowed {context}' },
  'idNumber.format': {
    zh: '{field}应为18位：17位数字加1位数字或X',
    en: '{field}: must be 18 characters, 17 digits then a digit or X',
  },
  'idNumber.region': { zh: '{field}的地区码不存在', en: '{field}: the region code does not exist' },
  'idNumber.birthDate': {
    zh: '{field}中的出生日期无效',
    en: '{field}: the birth date in it is not a real past date',
  },
  'idNumber.checkDigit': { zh: '{field}校验位不正确', en: '{field}: the check digit is wrong' },
  'phone.format': {
    zh: '{field}应为11位手机号码',
    en: '{field}: must be an 11-digit mainland mobile number',
  },
  'plate.format': {
    zh: '{field}长度不正确，应为7位或8位（新能源），如冀R5M0K3',
    en: '{field}: must be 7 characters, or 8 for new-energy vehicles, like 冀R5M0K3',
  },
  'plate.province': {
    zh: '{field}的省份简称不正确',
    en: '{field}: must start with a mainland province abbreviation',
  },
  'plate.issuer': {
    zh: '{field}的发牌机关代号不正确',
    en: '{field}: the second character must be the issuing authority letter (A–Z but not I or O)',
  },
  'plate.characters': {
    zh: '{field}的序号含有不允许的字符',
    en: '{field}: the serial has characters this kind of plate cannot have',
  },
  'gridCode.format': {
    zh: '{field}应为5位：大写字母、小写字母和3位数字，如Ab001',
    en: '{field}: must be an upper-case letter, a lower-case letter and 3 digits, like Ab001',
  },
  'mac.format': {
    zh: '{field}应为6组十六进制数，以冒号或连字符分隔',
    en: '{field}: must be six hex pairs separated by colons or dashes',
  },
  'date.format': { zh: '{field}应为{expected}', en: '{field}: must be {expected}' },
  'date.order': { zh: '{field}不能早于{other}', en: '{field}: must not be before {other}' },
  'birthDate.mismatch': {
    zh: '{field}与身份证号中的出生日期不一致',
    en: '{field}: differs from the birth date in the ID number',
  },
  enum: { zh: '{field}应为以下之一：{allowed}', en: '{field}: must be one of {allowed}' },
  'number.integer': { zh: '{field}应为整数', en: '{field}: must be a whole number' },
  'number.range': { zh: '{field}应在{min}至{max}之间', en: '{field}: must be from {min} to {max}' },
  'code.format': { zh: '{field}应为{expected}', en: '{field}: must be {expected}' },
};

/** Chinese labels of every import field; the English label is the key itself (see the header). */
const ZH_LABELS = {
  row: '该行',
  idNumber: '身份证号',
  name: '姓名',
  gridCode: '网格编码',
  houseCode: '房屋编码',
  phone: '手机号',
  birthDate: '出生日期',
  gender: '性别',
  householdType: '户籍类型',
  relation: '与户主关系',
  tags: '关注类别',
  category: '类别',
  reason: '原因',
  from: '开始时间',
  until: '结束时间',
  plate: '号牌号码',
  ownerIdNumber: '车主身份证号',
  brand: '品牌',
  colour: '颜色',
  code: '编码',
  type: '类型',
  lat: '纬度',
  lng: '经度',
  address: '地址',
  buildingCode: '楼栋编码',
  registeredResidents: '登记人数',
  unit: '单元',
  floor: '楼层',
  room: '房号',
  areaM2: '面积（平方米）',
  use: '用途',
  units: '单元数',
  floors: '层数',
  kind: '组织类型',
  unitCode: '所属单位编码',
  contactName: '联系人',
  contactPhone: '联系电话',
  mac: 'MAC地址',
} as const;

export type FieldName = keyof typeof ZH_LABELS;

/** Every import field's label in both languages. */
export const FIELD_LABELS: Readonly<Record<FieldName, Message>> = Object.fromEntries(
  Object.entries(ZH_LABELS).map(([key, zh]) => [key, { zh, en: key }]),
) as Record<FieldName, Message>;

/** The label of a field path such as `tags[0].reason` (关注类别第1项的原因); unknown keys label themselves. */
export function fieldLabel(path: string): Message {
  const parts = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(path);
  const zhOf = (key: string) => (Object.hasOwn(ZH_LABELS, key) ? ZH_LABELS[key as FieldName] : key);
  if (!parts) return { zh: path, en: path };
  const [, key, index, child] = parts as unknown as [string, string, string | undefined, string | undefined];
  let zh = zhOf(key);
  if (index !== undefined) zh += `第${Number(index) + 1}项`;
  if (child !== undefined) zh += `的${zhOf(child)}`;
  return { zh, en: path };
}

/** The final message for `rule` broken by `field`: every placeholder filled, the field named in both languages. */
export function describeRule(field: string, rule: RuleCode, extra: RuleExtra = {}, label?: Message): Message {
  return fillMessage(RULES[rule], { ...extra, field: label ?? fieldLabel(field) });
}

/** `template` in both languages with each `{name}` replaced by `values[name]` (a Message gives each
 *  language its own text); placeholders without a value stay as they are. */
export function fillMessage(
  template: Message,
  values: Readonly<Record<string, string | number | Message | undefined>>,
): Message {
  const fill = (lang: keyof Message) =>
    template[lang].replace(/\{(\w+)\}/g, (whole, key: string) => {
      const value = Object.hasOwn(values, key) ? values[key] : undefined;
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[lang] : String(value);
    });
  return { zh: fill('zh'), en: fill('en') };
}

export type RuleErrorCode =
  | 'MISSING_FIELD'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_PHONE'
  | 'INVALID_PLATE'
  | 'INVALID_GRID_CODE'
  | 'INVALID_DATE'
  | 'INVALID_FIELD';

/** The API error code for a rule's family: required → MISSING_FIELD, idNumber.* → INVALID_ID_NUMBER, …, else INVALID_FIELD. */
export function ruleErrorCode(rule: RuleCode): RuleErrorCode {
  if (rule === 'required') return 'MISSING_FIELD';
  if (rule.startsWith('idNumber.')) return 'INVALID_ID_NUMBER';
  if (rule === 'phone.format') return 'INVALID_PHONE';
  if (rule.startsWith('plate.')) return 'INVALID_PLATE';
  if (rule === 'gridCode.format') return 'INVALID_GRID_CODE';
  if (rule.startsWith('date.') || rule === 'birthDate.mismatch') return 'INVALID_DATE';
  return 'INVALID_FIELD';
}
