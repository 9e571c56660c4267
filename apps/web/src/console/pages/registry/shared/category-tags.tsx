import { Tag } from 'antd';
import type { Categories } from './use-categories.ts';

/** A person's attention categories as tags (names from the category list, codes until it loads). */
export function CategoryTags({ codes, categories }: { codes: string[]; categories: Categories }) {
  return (
    <>
      {codes.map((code) => (
        <Tag key={code} color="orange" style={{ marginInlineEnd: 4 }}>
          {categories.nameOf(code)}
        </Tag>
      ))}
    </>
  );
}
