// Filters of the audit log. The picked times are read as the city's time (see lib/time.ts).
import type { TAuditEntry } from '@civgrid/contracts';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { toZonedIso } from '../../../lib/time.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: TAuditEntry['outcome'];
  from?: string;
  to?: string;
}

interface Values {
  actor?: string;
  action?: string;
  outcome?: TAuditEntry['outcome'];
  range?: [Dayjs | null, Dayjs | null] | null;
}

const OUTCOMES: TAuditEntry['outcome'][] = ['ok', 'denied', 'failed'];

export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();

  const apply = ({ actor, action, outcome, range }: Values) => {
    const [from, to] = range ?? [];
    onChange({
      actor: actor?.trim() || undefined,
      action: action?.trim() || undefined,
      outcome,
      from: from ? toZonedIso(from) : undefined,
      to: to ? toZonedIso(to) : undefined,
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={apply}
      style={{ rowGap: 12 }}
      data-testid="audit-filters"
    >
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.outcome')}>
        <Select
          allowClear
          placeholder={t('audit.outcomeAny')}
          style={{ width: 150 }}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.timeRange')}>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          placeholder={[t('audit.rangeStart'), t('audit.rangeEnd')]}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
