// 热线受理: an operator takes a call — what it is about (category, title, description), who called
// (name, mainland mobile number), where (a point on the map or a grid code, and the address), how urgent,
// and whether to register it at once. Saved, the case page opens.
import type { TGrid } from '@civgrid/contracts';
import { isMobileNumber } from '@civgrid/domain';
import { Alert, Button, Card, Cascader, Checkbox, Col, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { useFormSubmit } from '../../../components/use-form-submit.ts';
import { CASES_API, casePath, type TCasePage } from '../shared/cases.ts';
import { useCaseCategories } from '../shared/use-case-categories.ts';
import { MapPicker, type Point } from './map-picker.tsx';

interface Values {
  category: string[];
  title: string;
  description: string;
  reporterName?: string;
  reporterPhone?: string;
  placeBy: 'map' | 'grid';
  gridCode?: string;
  address?: string;
  priority: 'normal' | 'urgent';
  register: boolean;
}

const FIELDS: Record<string, keyof Values> = {
  category: 'category',
  title: 'title',
  description: 'description',
  'reporter.name': 'reporterName',
  'reporter.phone': 'reporterPhone',
  gridCode: 'gridCode',
  address: 'address',
};

const GRID_LIMIT = 2000;
const MAP_HEIGHT = 420;

export function HotlinePage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, (field) => FIELDS[field]);
  const categories = useCaseCategories();
  const grids = useApiGet<{ grids: TGrid[] }>(`/api/v1/org/grids?limit=${GRID_LIMIT}`);
  const [point, setPoint] = useState<Point | null>(null);
  const placeBy = Form.useWatch('placeBy', form) ?? 'map';

  const save = (values: Values) =>
    submit.run(async () => {
      if (values.placeBy === 'map' && point === null) {
        submit.setFailure(t('cases.hotline.pointRequired'));
        return;
      }
      const name = values.reporterName?.trim();
      const phone = values.reporterPhone?.trim();
      const body = {
        source: 'hotline',
        category: values.category.at(-1),
        title: values.title.trim(),
        description: values.description.trim(),
        priority: values.priority,
        register: values.register,
        ...(values.placeBy === 'map' ? { location: point } : { gridCode: values.gridCode }),
        ...(values.address?.trim() ? { address: values.address.trim() } : {}),
        ...(name || phone ? { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
      };
      const page = await api.post<TCasePage>(CASES_API, body);
      navigate(casePath(page.case.id), { replace: true });
    });

  return (
    <Card title={t('nav.cases.hotline')}>
      {submit.failure && <Alert type="error" showIcon title={submit.failure} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ placeBy: 'map', priority: 'normal', register: true }}
        data-testid="hotline-form"
      >
        <Row gutter={24}>
          <Col xs={24} xl={11}>
            <Form.Item
              name="category"
              label={t('cases.field.category')}
              rules={[{ required: true, message: t('cases.hotline.categoryRequired') }]}
            >
              <Cascader
                options={categories.options}
                changeOnSelect
                showSearch
                loading={categories.loading}
                placeholder={t('cases.hotline.categoryPlaceholder')}
                data-testid="hotline-category"
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('cases.field.title')}
              rules={[{ required: true, whitespace: true, message: t('cases.hotline.titleRequired') }]}
            >
              <Input
                maxLength={200}
                placeholder={t('cases.hotline.titlePlaceholder')}
                data-testid="hotline-title"
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('cases.field.description')}
              rules={[{ required: true, whitespace: true, message: t('cases.hotline.descriptionRequired') }]}
            >
              <Input.TextArea rows={5} maxLength={2000} showCount data-testid="hotline-description" />
            </Form.Item>
            <Row gutter={16}>
              <Col span={10}>
                <Form.Item name="reporterName" label={t('cases.hotline.callerName')}>
                  <Input maxLength={50} data-testid="hotline-caller-name" />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item
                  name="reporterPhone"
                  label={t('cases.hotline.callerPhone')}
                  extra={t('cases.hotline.callerPhoneHint')}
                  rules={[
                    {
                      validator: async (_, value: string | undefined) => {
                        if (value?.trim() && !isMobileNumber(value.trim()))
                          throw new Error(t('cases.hotline.phoneInvalid'));
                      },
                    },
                  ]}
                >
                  <Input maxLength={20} inputMode="tel" data-testid="hotline-caller-phone" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="priority" label={t('cases.field.priority')}>
              <Radio.Group
                options={[
                  { value: 'normal', label: t('cases.priority.normal') },
                  { value: 'urgent', label: t('cases.priority.urgent') },
                ]}
                data-testid="hotline-priority"
              />
            </Form.Item>
            <Form.Item name="register" valuePropName="checked" extra={t('cases.hotline.registerHint')}>
              <Checkbox data-testid="hotline-register">{t('cases.hotline.register')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} xl={13}>
            <Form.Item name="placeBy" label={t('cases.hotline.place')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'map', label: t('cases.hotline.placeByMap') },
                  { value: 'grid', label: t('cases.hotline.placeByGrid') },
                ]}
                data-testid="hotline-place-by"
              />
            </Form.Item>
            {placeBy === 'map' ? (
              <Form.Item>
                <MapPicker value={point} onChange={setPoint} height={MAP_HEIGHT} />
              </Form.Item>
            ) : (
              <Form.Item
                name="gridCode"
                label={t('cases.field.grid')}
                rules={[{ required: true, message: t('cases.hotline.gridRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={grids.loading}
                  options={(grids.data?.grids ?? []).map((g) => ({
                    value: g.code,
                    label: `${g.code} ${g.name} · ${g.village}`,
                  }))}
                  placeholder={t('cases.hotline.gridPlaceholder')}
                  data-testid="hotline-grid"
                />
              </Form.Item>
            )}
            <Form.Item name="address" label={t('cases.field.address')}>
              <Input maxLength={300} data-testid="hotline-address" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={submit.isBusy} data-testid="hotline-submit">
            {t('cases.hotline.submit')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setPoint(null);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
