// 碰撞比对's question besides the conditions: what kind of subject, how many conditions each must
// match, and why.
import { Form, InputNumber, Segmented } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { Purpose } from '../shared/purpose.ts';
import { SUBJECT_TYPES, type SubjectType } from '../shared/subject-fields.tsx';

export interface CollisionValues {
  subjectType: SubjectType;
  minMatches?: number | null;
  purpose: Purpose;
}

export function SubjectTypeField() {
  const t = useT();
  return (
    <Form.Item name="subjectType" label={t('sensing.collision.subjectType')}>
      <Segmented<SubjectType>
        options={SUBJECT_TYPES.map((value) => ({ value, label: t(`sensing.subjectType.${value}`) }))}
        data-testid="collision-subject-type"
      />
    </Form.Item>
  );
}

export function MinMatchesField({ conditions }: { conditions: number }) {
  const t = useT();
  return (
    <Form.Item
      name="minMatches"
      label={t('sensing.collision.minMatches')}
      extra={t('sensing.collision.minMatchesHint')}
    >
      <InputNumber<number>
        min={1}
        max={conditions}
        precision={0}
        placeholder={t('sensing.collision.minMatchesAll', { n: conditions })}
        style={{ width: 200 }}
        data-testid="collision-min-matches"
      />
    </Form.Item>
  );
}
