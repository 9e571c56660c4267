// Where residents' identity numbers come from. Registered residents carry their own county's code;
// floating residents (流动人口) mostly come from elsewhere in Hebei and from the neighbouring Beijing,
// Tianjin and Shandong; overseas residents are modelled as returned overseas Chinese and residents from
// Hong Kong, Macao and Taiwan who hold mainland numbers, so their codes are those of the qiaoxiang counties.

import { WeightedTable } from './random.ts';

const HEBEI = [
  '130102', // 石家庄市长安区
  '130104', // 石家庄市桥西区
  '130181', // 辛集市
  '130203', // 唐山市路北区
  '130281', // 遵化市
  '130302', // 秦皇岛市海港区
  '130402', // 邯郸市邯山区
  '130481', // 武安市
  '130602', // 保定市竞秀区
  '130681', // 涿州市
  '130702', // 张家口市桥东区
  '130802', // 承德市双桥区
  '130902', // 沧州市新华区
  '130981', // 泊头市
  '130984', // 河间市
  '131102', // 衡水市桃城区
];
const BEIJING_TIANJIN = [
  '110101', // 北京市东城区
  '110105', // 北京市朝阳区
  '110106', // 北京市丰台区
  '110112', // 北京市通州区
  '110115', // 北京市大兴区
  '120101', // 天津市和平区
  '120114', // 天津市武清区
];
const FARTHER = [
  '370102', // 济南市历下区
  '370202', // 青岛市市南区
  '371402', // 德州市德城区
  '371502', // 聊城市东昌府区
  '410102', // 郑州市中原区
  '411302', // 南阳市宛城区
  '140105', // 太原市小店区
  '230102', // 哈尔滨市道里区
  '341202', // 阜阳市颍州区
  '510104', // 成都市锦江区
];

export const FLOATING_REGIONS = new WeightedTable([
  ...HEBEI.map((code) => [code, 3] as const),
  ...BEIJING_TIANJIN.map((code) => [code, 2] as const),
  ...FARTHER.map((code) => [code, 1] as const),
]);

export const OVERSEAS_REGIONS = new WeightedTable(
  [
    '350582', // 晋江市
    '350181', // 福清市
    '440784', // 台山市
    '445102', // 潮州市湘桥区
    '330381', // 瑞安市
    '350583', // 南安市
  ].map((code) => [code, 1] as const),
);
