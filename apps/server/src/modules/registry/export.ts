// Excel export of any register list: the same scope, filters and masking as the list on screen, capped
// so one click cannot pull a whole city out. The export itself is audited with its size.
import {
  type TRegisterQuery,
  ZBuildingSummary,
  ZDeviceSummary,
  ZHouseSummary,
  ZOrganisationSummary,
  ZPersonSummary,
  ZVehicleSummary,
} from '@civgrid/contracts';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/actor.ts';
import { auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { listPersons } from './persons/service.ts';
import { listRegister, type RegisterName } from './places/service.ts';

export const EXPORT_LIMIT = 50_000;
// Pages larger than the API allows (200): the services take any size, and each page is one audit row
// and one count, so a 50,000-row export costs ten of each rather than 250.
const PAGE = 5_000;

// Column headers in Chinese (the console's language of record); keys are the list item's fields.
const HEADERS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  phone: '手机号',
  householdType: '户籍类型',
  gridCode: '网格编码',
  address: '地址',
  categories: '关注类别',
  code: '编码',
  building: '楼栋',
  unit: '单元',
  floor: '楼层',
  room: '房间',
  areaM2: '面积(㎡)',
  use: '用途',
  registeredResidents: '登记人数',
  residents: '实住人数',
  lng: '经度',
  lat: '纬度',
  units: '单元数',
  floors: '层数',
  houses: '房屋数',
  plate: '号牌号码',
  plateKind: '号牌种类',
  owner: '所有人',
  brand: '品牌',
  colour: '颜色',
  type: '类型',
  house: '房屋',
  kind: '组织类别',
  contactName: '联系人',
  contactPhone: '联系电话',
};

// Coded values as the sheet's readers know them.
const VALUE_LABELS: Record<string, string> = {
  male: '男',
  female: '女',
  registered: '户籍人口',
  floating: '流动人口',
  overseas: '境外人员',
  'owner-occupied': '自住',
  rented: '出租',
  vacant: '空置',
  business: '经营',
  face: '人脸抓拍',
  plate: '车辆卡口',
  door: '门禁',
  wifi: 'Wi-Fi 探针',
  checkpoint: '检查站',
  phone: '登记手机',
  'party-branch': '党组织',
  'residents-committee': '居（村）委会',
  'owners-committee': '业主委员会',
  'property-company': '物业公司',
  'building-head': '楼长',
  'service-station': '党群服务站',
  regular: '普通号牌',
  'new-energy': '新能源号牌',
};

// Columns of each register, so an empty export still has its header row.
const COLUMNS: Record<string, string[]> = {
  persons: Object.keys(ZPersonSummary.shape),
  houses: Object.keys(ZHouseSummary.shape),
  buildings: Object.keys(ZBuildingSummary.shape),
  vehicles: Object.keys(ZVehicleSummary.shape),
  devices: Object.keys(ZDeviceSummary.shape),
  organisations: Object.keys(ZOrganisationSummary.shape),
};

function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && VALUE_LABELS[value]) return VALUE_LABELS[value];
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object')
    return (value as { label?: string; name?: string }).label ?? (value as { name?: string }).name ?? null;
  return value as string | number;
}

export async function exportRegister(
  ctx: Context,
  actor: Actor,
  name: 'persons' | RegisterName,
  query: TRegisterQuery,
): Promise<Buffer> {
  const items: Record<string, unknown>[] = [];
  // Page through the same service the screen uses, so export and screen cannot disagree on scope or masking.
  for (let page = 1; items.length < EXPORT_LIMIT; page++) {
    const q = { ...query, page, pageSize: PAGE };
    const result =
      name === 'persons' ? await listPersons(ctx, actor, q) : await listRegister(ctx, actor, name, q);
    items.push(...(result.items as Record<string, unknown>[]));
    if (result.items.length < PAGE) break;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  const keys = COLUMNS[name]!.filter((k) => k !== 'id');
  sheet.columns = keys.map((key) => ({
    header: HEADERS[key] ?? key,
    key,
    width: key === 'address' ? 48 : 18,
  }));
  for (const item of items.slice(0, EXPORT_LIMIT))
    sheet.addRow(Object.fromEntries(keys.map((k) => [k, cell(item[k])])));
  sheet.getRow(1).font = { bold: true };
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'registry.export',
      targetType: name,
      details: { rows: Math.min(items.length, EXPORT_LIMIT), under: query.under ?? null },
    },
    ctx.now(),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
