// 轨迹查询's question: whose track, over which time, and why.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Form } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { FormSubmit } from '../../../components/use-form-submit.ts';
import type { Purpose } from '../shared/purpose.ts';
import { PurposeFields } from '../shared/purpose-fields.tsx';
import { SubjectFields, type SubjectValues } from '../shared/subject-fields.tsx';
import { recentRange, type TimeRange, TimeRangeField } from '../shared/time-range.tsx';

export interface TrajectoryValues extends SubjectValues {
  range: TimeRange;
  purpose: Purpose;
}

interface Props {
  purpose: Purpose | null;
  submit: FormSubmit;
  onFinish: (values: TrajectoryValues) => void;
  form: ReturnType<typeof Form.useForm<TrajectoryValues>>[0];
}

export function TrajectoryForm({ purpose, submit, onFinish, form }: Props) {
  const t = useT();
  return (
    <Form<TrajectoryValues>
      form={form}
      layout="vertical"
      initialValues={{ subjectType: 'person', range: recentRange(24 * 7), purpose: purpose ?? undefined }}
      onFinish={onFinish}
      data-testid="trajectory-form"
    >
      <SubjectFields />
      <TimeRangeField />
      <PurposeFields />
      <Button
        type="primary"
        htmlType="submit"
        icon={<SearchOutlined />}
        loading={submit.isBusy}
        block
        data-testid="trajectory-submit"
      >
        {t('sensing.trajectory.submit')}
      </Button>
    </Form>
  );
}
