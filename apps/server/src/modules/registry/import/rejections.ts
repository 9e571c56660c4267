// Rejections an import finds in the database (the row itself was well-formed), in Chinese and English.
export const LOOKUP_REJECTIONS = {
  INVALID_JSON: { field: undefined, zh: '该行不是有效的 JSON', en: 'this line is not valid JSON' },
  DUPLICATE_IN_BATCH: {
    field: undefined,
    zh: '与本批次第 {line} 行重复',
    en: 'duplicates line {line} of this batch',
  },
  UNKNOWN_GRID: {
    field: 'gridCode',
    zh: '网格编码不存在或不在您的管辖范围内',
    en: 'gridCode: no such grid in your jurisdiction',
  },
  UNKNOWN_UNIT: {
    field: 'unitCode',
    zh: '村（社区）或网格编码不存在或不在您的管辖范围内',
    en: 'unitCode: no such village or grid in your jurisdiction',
  },
  UNKNOWN_HOUSE: {
    field: 'houseCode',
    zh: '房屋编码不存在或不在您的管辖范围内',
    en: 'houseCode: no such house in your jurisdiction',
  },
  UNKNOWN_BUILDING: {
    field: 'buildingCode',
    zh: '楼栋编码不存在或不在您的管辖范围内',
    en: 'buildingCode: no such building in your jurisdiction',
  },
  UNKNOWN_OWNER: {
    field: 'ownerIdNumber',
    zh: '在您的管辖范围内没有此身份证号的人员',
    en: 'ownerIdNumber: no such person in your jurisdiction',
  },
  UNKNOWN_CATEGORY: {
    field: 'tags',
    zh: '关注类别 {category} 不存在或已停用',
    en: 'tags: category {category} does not exist or is inactive',
  },
  HOUSE_NOT_IN_GRID: {
    field: 'houseCode',
    zh: '该房屋不在所填网格内',
    en: 'houseCode: the house is not in that grid',
  },
  BUILDING_NOT_IN_GRID: {
    field: 'buildingCode',
    zh: '该楼栋不在所填网格内',
    en: 'buildingCode: the building is not in that grid',
  },
  OUTSIDE_GRID: {
    field: 'lat',
    zh: '坐标不在所填网格范围内',
    en: 'lat/lng: the location is not inside that grid',
  },
  REGISTERED_ELSEWHERE: {
    field: undefined,
    zh: '该记录已登记在其他辖区，请联系其所属中心办理迁移',
    en: 'this record is registered in another jurisdiction; ask the centre that holds it to transfer it',
  },
} as const;

export type LookupRejection = keyof typeof LOOKUP_REJECTIONS;

export interface Rejection {
  line: number;
  code: string;
  message: string;
  field?: string;
}

export function lookupRejection(
  line: number,
  code: LookupRejection,
  lang: 'zh' | 'en',
  values: Record<string, string | number> = {},
): Rejection {
  const entry = LOOKUP_REJECTIONS[code];
  const message = entry[lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  return entry.field ? { line, code, message, field: entry.field } : { line, code, message };
}
