// The time window of a query: picked as the city's wall-clock time (Asia/Shanghai unless configured),
// sent as ISO-8601 with its offset.
import { DatePicker, Form, type FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { Translate } from '../../../../i18n/lang.ts';
import { displayTimeZone, toZonedIso, zonedNow } from '../../../../lib/time.ts';

export type TimeRange = [Dayjs, Dayjs];

/** The last `hours` hours, ending at the next full hour. */
export function recentRange(hours: number): TimeRange {
  const end = zonedNow().add(1, 'hour').startOf('hour');
  return [end.subtract(hours, 'hour'), end];
}

export function rangeToIso([from, to]: TimeRange): { from: string; to: string } {
  return { from: toZonedIso(from), to: toZonedIso(to) };
}

export function rangeRule(t: Translate): FormRule {
  return {
    validator: async (_, value: unknown) => {
      const range = value as [Dayjs | null, Dayjs | null] | null | undefined;
      if (!range?.[0] || !range[1]) throw new Error(t('sensing.range.required'));
      if (!range[0].isBefore(range[1])) throw new Error(t('sensing.range.order'));
    },
  };
}

/** Quick choices beside the calendar. */
export function usePresets(): { label: string; value: TimeRange }[] {
  const t = useT();
  return [
    { label: t('sensing.range.last24h'), value: recentRange(24) },
    { label: t('sensing.range.last3d'), value: recentRange(72) },
    { label: t('sensing.range.last7d'), value: recentRange(24 * 7) },
    { label: t('sensing.range.last30d'), value: recentRange(24 * 30) },
  ];
}

/** A range picker for an antd form item (value and onChange come from the item). */
export function TimeRangePicker(props: {
  value?: TimeRange;
  onChange?: (range: TimeRange | null) => void;
  testId?: string;
}) {
  const t = useT();
  const presets = usePresets();
  return (
    <DatePicker.RangePicker
      value={props.value}
      onChange={(range) => props.onChange?.(range?.[0] && range[1] ? [range[0], range[1]] : null)}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      presets={presets}
      placeholder={[t('sensing.range.from'), t('sensing.range.to')]}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

/** The range as a form item named `range`. */
export function TimeRangeField() {
  const t = useT();
  return (
    <Form.Item
      name="range"
      label={t('sensing.range')}
      extra={t('sensing.range.zone', { zone: displayTimeZone() })}
      rules={[rangeRule(t)]}
    >
      <TimeRangePicker testId="query-range" />
    </Form.Item>
  );
}
