// Fictitious but plausible place names for the levels below the county: streets (街道) named after a
// road, towns (镇) and rural townships (乡) after a place, villages (村) after a founding family,
// communities (社区) and housing estates (小区) after auspicious words, as is usual in northern China.

import { drawSurname } from './person-names.ts';
import type { Random } from './random.ts';

const chars = (text: string) => [...text];
const words = (text: string) => text.split(' ');

const ROAD_ROOTS = words(
  '银河 光明 新华 解放 永华 建设 和平 人民 胜利 朝阳 文化 育才 迎宾 东方 华夏 长安 金源 新开 爱民 艺术 ' +
    '祥云 裕华 创业 泰山 北凤 南龙 京津 友谊 新源 安平 兴华 振兴 万庄 和谐 阳光 永兴 会展 九州 金光 建华',
);
const ROAD_KINDS = words('路 路 道 道 大街 北路 南路 东道 西道');

const PLACE_FIRST = chars('北南东西大小杨王李马韩葛仇调落码旧新左龙永信渠刘别里孙赵胜牛曹辛苏高史柳白黄石堂');
const PLACE_MIDDLE = chars('家各辛官税渔沽马王头');
const PLACE_LAST = chars('旺庄营屯店务口河桥集坊堡寨城甸垡淀头沟台港洼');

const VILLAGE_PREFIXES = chars('东西南北前后中大小新');
const VILLAGE_SUFFIXES = words(
  '庄 庄 家庄 各庄 营 家营 屯 店 家务 辛庄 官庄 家堡 家坊 场 家洼 家坨 庄子 口 寨 家铺',
);

const COMMUNITY_ROOTS = words(
  '和平 建设 光明 新华 幸福 朝阳 育才 文化 金光 银河 阳光 康乐 华苑 锦绣 馨园 丽景 翠竹 紫云 怡和 盛景 ' +
    '永兴 兴安 富康 嘉园 青年 北苑 南苑 东苑 西苑 金桥 新开 爱民 和谐 祥和 春晖 团结 友谊 振兴 安居 鑫源 ' +
    '胜利 红星 东安 西昌 新源 东方 瑞祥 华庭 泰和 长青 永安 建华 新世纪 广源 丰收 民生 工农 铁路 桃园 水岸',
);
const COMMUNITY_SUFFIXES = words('里 里 东里 西里 北里 南里 新村 - -').map((s) => (s === '-' ? '' : s));

const ESTATE_FIRST = words(
  '金色 阳光 锦绣 书香 华夏 幸福 和谐 康馨 御景 碧水 翡翠 凯旋 紫金 盛世 名流 东方 中央 星河 城市 香榭 ' +
    '丽都 枫林 桃源 君悦 万福 怡景 世纪 恒盛 瑞景 尚品',
);
const ESTATE_LAST = words('家园 花园 小区 苑 名苑 华府 公馆 佳苑 新城 雅居 嘉园 丽园 湾 尚城');
const ORDINALS = chars('二三四五六七八九');

/** A place name and the root it is built on (`和平里` for `和平里社区`), for naming what lies inside. */
export interface PlaceName {
  name: string;
  root: string;
}

/** Draws names until one is not in `used`, then records it; falls back to numbered variants of the last draw. */
function unique(used: Set<string>, draw: () => PlaceName, variant: (root: string, n: number) => string) {
  let place = draw();
  for (let attempt = 0; used.has(place.name) && attempt < 100; attempt++) place = draw();
  for (let n = 2; used.has(place.name); n++) place = { ...place, name: variant(place.root, n) };
  used.add(place.name);
  return place;
}

const ordinal = (n: number) => ORDINALS[n - 2] ?? String(n);

/** A street (街道) named after a road: 银河北路街道. */
export function drawStreetName(random: Random, used: Set<string>): PlaceName {
  return unique(
    used,
    () => {
      const root = random.pick(ROAD_ROOTS) + random.pick(ROAD_KINDS);
      return { root, name: `${root}街道` };
    },
    (root, n) => `${root}第${ordinal(n)}街道`,
  );
}

/** A town (镇) or rural township (乡) named after a place: 北旺乡, 杨税务镇. */
export function drawTownName(random: Random, used: Set<string>, kind: '镇' | '乡'): PlaceName {
  return unique(
    used,
    () => {
      const middle = random.chance(0.35) ? random.pick(PLACE_MIDDLE) : '';
      const root = random.pick(PLACE_FIRST) + middle + random.pick(PLACE_LAST);
      return { root, name: root + kind };
    },
    (root, n) => `${root}${ordinal(n)}${kind}`,
  );
}

/** A village (村) named after a family: 张庄村, 东李家营村. */
export function drawVillageName(random: Random, used: Set<string>): PlaceName {
  return unique(
    used,
    () => {
      const prefix = random.chance(0.3) ? random.pick(VILLAGE_PREFIXES) : '';
      const root = prefix + drawSurname(random) + random.pick(VILLAGE_SUFFIXES);
      return { root, name: `${root}村` };
    },
    (root, n) => `${root}${ordinal(n)}村`,
  );
}

/** A residents' community (社区): 和平里社区. */
export function drawCommunityName(random: Random, used: Set<string>): PlaceName {
  return unique(
    used,
    () => {
      const root = random.pick(COMMUNITY_ROOTS) + random.pick(COMMUNITY_SUFFIXES);
      return { root, name: `${root}社区` };
    },
    (root, n) => `${root}${ordinal(n)}社区`,
  );
}

/** A housing estate (小区); a name already taken gets a later phase: 金色家园二期. */
export function drawEstateName(random: Random, used: Set<string>): string {
  return unique(
    used,
    () => {
      const name = random.pick(ESTATE_FIRST) + random.pick(ESTATE_LAST);
      return { root: name, name };
    },
    (root, n) => `${root}${ordinal(n)}期`,
  ).name;
}
