// 考核设置: a county's weights, grade thresholds and targets. Only what is shown is sent; the server lays
// it over the settings in force and checks the whole.
import { Alert, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { FIELD_API, PARTS, type TSettings, type TSettingsAnswer } from './field-api.ts';

export function SettingsDialog({
  county: initial,
  onClose,
  onSaved,
}: {
  county: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TSettings>();
  const submit = useFormSubmit(form, (field) =>
    field.startsWith('settings.') ? field.slice(9).split('.') : undefined,
  );
  const [county, setCounty] = useState(initial);
  const [answer, setAnswer] = useState<TSettingsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!/^\d{6}$/.test(county)) return;
    setError(null);
    api
      .get<TSettingsAnswer>(`${FIELD_API}/assessment-settings/${county}`)
      .then((a) => {
        setAnswer(a);
        form.setFieldsValue(a.settings);
      })
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [county, form, t]);

  const number = (
    name: (string | number)[],
    label: string,
    props: { min?: number; max?: number; step?: number } = {},
  ) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber {...props} style={{ width: 140 }} />
    </Form.Item>
  );
  return (
    <FormDialog<TSettings>
      title={t('fieldwork.settings')}
      width={720}
      form={form}
      submit={submit}
      onFinish={(v) =>
        submit.run(async () => {
          await api.patch(`${FIELD_API}/assessment-settings/${county}`, {
            settings: { weights: v.weights, grades: v.grades, patrol: v.patrol, performance: v.performance },
          });
          onSaved();
        })
      }
      onClose={onClose}
      notice={
        <>
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            {t('fieldwork.settings.county')}
            <Input
              style={{ width: 120 }}
              defaultValue={county}
              onBlur={(e) => setCounty(e.target.value.trim())}
            />
          </Flex>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {answer?.isDefault && (
            <Alert
              type="info"
              showIcon
              title={t('fieldwork.settings.default')}
              style={{ marginBottom: 12 }}
            />
          )}
        </>
      }
      testId="settings-form"
    >
      <Typography.Title level={5}>{t('fieldwork.settings.weights')}</Typography.Title>
      <Flex gap={12} wrap>
        {PARTS.map((p) => number(['weights', p], t(`fieldwork.part.${p}`), { min: 0, max: 100 }))}
      </Flex>
      <Typography.Title level={5}>{t('fieldwork.settings.grades')}</Typography.Title>
      <Flex gap={12} wrap>
        {(['excellent', 'good', 'pass'] as const).map((g) =>
          number(['grades', g], t(`fieldwork.settings.grade.${g}`), { min: 0, max: 100 }),
        )}
      </Flex>
      <Typography.Title level={5}>{t('fieldwork.settings.patrol')}</Typography.Title>
      <Flex gap={12} wrap>
        {number(['patrol', 'radiusM'], t('fieldwork.settings.radiusM'), { min: 1, max: 1000 })}
        {number(['patrol', 'coverageTarget'], t('fieldwork.settings.coverageTarget'), {
          min: 0.01,
          max: 1,
          step: 0.05,
        })}
        {number(['patrol', 'kmPerWeek'], t('fieldwork.settings.kmPerWeek'), { min: 0.1, max: 500 })}
        {number(['patrol', 'minutesPerWeek'], t('fieldwork.settings.minutesPerWeek'), { min: 1, max: 10080 })}
        {number(['performance', 'reportsPerMonth'], t('fieldwork.settings.reportsPerMonth'), {
          min: 1,
          max: 1000,
        })}
      </Flex>
    </FormDialog>
  );
}
