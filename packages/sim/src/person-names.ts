// Chinese personal names: a surname drawn by its share of the population (2020 census, per mille) and a
// given name of one or two characters in the fashion of the person's birth decade.

import { type Random, WeightedTable } from './random.ts';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔',
];
// One weight per surname above, in the same order.
const SURNAME_PER_MILLE = [
  71, 70, 67, 51, 46, 32, 25, 23, 21, 20, 15, 14, 13, 13, 12, 12, 11, 11, 11, 10, 9, 9, 8, 8, 8, 7, 7, 7, 7,
  7, 7, 6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
];
const SURNAME_TABLE = new WeightedTable(SURNAMES.map((s, i) => [s, SURNAME_PER_MILLE[i]!] as const));

type Gender = 'male' | 'female';

interface EraNames {
  /** Births up to and including this year use this era's names. */
  until: number;
  /** Probability of a one-character given name. */
  single: number;
  male: { single: readonly string[]; double: readonly string[] };
  female: { single: readonly string[]; double: readonly string[] };
}

const words = (text: string) => text.split(' ');

// Fashions changed: 建国 and 秀英 for those born before the 1960s, 志强 and 丽娟 for the 1970s–80s,
// 子轩 and 欣怡 for the 2000s. One-character names were common, then rarer.
const ERAS: readonly EraNames[] = [
  {
    until: 1959,
    single: 0.4,
    male: {
      single: [...'军华明强勇林斌平刚福贵山海忠义'],
      double: words(
        '建国 建华 国庆 国华 振华 德明 保国 金山 永利 玉林 长海 树林 宝山 福生 文明 志刚 宝林 庆余 春生 玉华',
      ),
    },
    female: {
      single: [...'英兰芳珍秀梅桂凤霞荣琴'],
      double: words('秀英 桂英 秀兰 玉兰 桂兰 淑珍 凤英 玉珍 秀珍 淑兰 翠兰 玉梅 素珍 凤兰 桂芳 秀荣'),
    },
  },
  {
    until: 1994,
    single: 0.45,
    male: {
      single: [...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊峰亮东'],
      double: words(
        '志强 海涛 建军 晓东 立新 永刚 海波 振宇 文斌 俊杰 晓明 建伟 国栋 春雷 志勇 红伟 晓峰 建新 海龙 立军',
      ),
    },
    female: {
      single: [...'芳娜敏静丽艳娟霞燕玲丹萍红婷雪琳颖倩洁晶慧'],
      double: words(
        '丽娟 晓燕 海燕 丽华 红梅 春燕 秀梅 美玲 丽萍 雪梅 晓丽 艳红 晓红 丽娜 春梅 彩霞 海霞 晓静',
      ),
    },
  },
  {
    until: 9999,
    single: 0.2,
    male: {
      single: [...'浩宇轩博睿晨阳杰航鑫哲凯'],
      double: words(
        '浩然 子轩 宇航 梓轩 浩宇 俊熙 一鸣 博文 子墨 宇轩 皓轩 睿泽 沐阳 天佑 家豪 思远 锦程 铭泽 奕辰 宇辰',
      ),
    },
    female: {
      single: [...'欣悦怡涵萱妍琪彤诺瑶琳雪'],
      double: words(
        '子涵 欣怡 梓涵 一诺 雨桐 诗涵 可馨 思琪 梦瑶 佳怡 语桐 若曦 紫萱 雨欣 芷若 佳琪 梓萱 诗琪 欣妍 语嫣',
      ),
    },
  },
];

/** A surname, drawn by how common it is. */
export function drawSurname(random: Random): string {
  return SURNAME_TABLE.draw(random);
}

/** A given name in the fashion of `birthYear`. */
export function drawGivenName(random: Random, gender: Gender, birthYear: number): string {
  const era = ERAS.find((e) => birthYear <= e.until) ?? ERAS[ERAS.length - 1]!;
  const names = era[gender];
  return random.chance(era.single) ? random.pick(names.single) : random.pick(names.double);
}

/** A full name: surname then given name. */
export function drawFullName(random: Random, gender: Gender, birthYear: number): string {
  return drawSurname(random) + drawGivenName(random, gender, birthYear);
}
