// One condition of a collision query: its time window and its devices, picked from the list here or by
// clicking markers on the map while this condition is the one being picked for.
import { DeleteOutlined } from '@ant-design/icons';
import type { TDeviceStatus } from '@civgrid/contracts';
import { Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { TimeRangePicker } from '../shared/time-range.tsx';
import { type Condition, conditionColour } from './conditions.ts';

interface Props {
  index: number;
  condition: Condition;
  devices: readonly TDeviceStatus[];
  isActive: boolean;
  showErrors: boolean;
  canRemove: boolean;
  onActivate: () => void;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}

export function ConditionCard(props: Props) {
  const { index, condition, devices, isActive, showErrors, canRemove } = props;
  const t = useT();
  const colour = conditionColour(index);
  const problems = [
    condition.range === null && t('sensing.range.required'),
    condition.deviceCodes.length === 0 && t('sensing.collision.devicesRequired'),
  ].filter((p): p is string => typeof p === 'string');

  return (
    <Card
      size="small"
      onClick={props.onActivate}
      style={{
        borderColor: isActive ? colour : undefined,
        boxShadow: isActive ? `0 0 0 1px ${colour}` : undefined,
      }}
      title={
        <Flex align="center" gap={8}>
          <span
            style={{
              width: 10,
              height: 10,
              borderRadius: '50%',
              background: colour,
              display: 'inline-block',
            }}
          />
          {t('sensing.collision.condition', { n: index + 1 })}
          {isActive && (
            <Tag color={colour} style={{ marginInlineStart: 4 }}>
              {t('sensing.collision.picking')}
            </Tag>
          )}
        </Flex>
      }
      extra={
        <Button
          type="text"
          danger
          size="small"
          icon={<DeleteOutlined />}
          disabled={!canRemove}
          aria-label={t('sensing.collision.remove')}
          onClick={(event) => {
            event.stopPropagation();
            props.onRemove();
          }}
        />
      }
      data-testid={`condition-${index + 1}`}
    >
      <Flex vertical gap={8}>
        <TimeRangePicker
          value={condition.range ?? undefined}
          onChange={(range) => props.onChange({ ...condition, range })}
          testId={`condition-${index + 1}-range`}
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          value={condition.deviceCodes}
          onChange={(deviceCodes) => props.onChange({ ...condition, deviceCodes })}
          placeholder={t('sensing.collision.devicesPlaceholder')}
          maxTagCount="responsive"
          showSearch={{ optionFilterProp: 'search' }}
          options={devices.map((d) => ({ value: d.code, label: d.name, search: `${d.name} ${d.code}` }))}
          style={{ width: '100%' }}
          data-testid={`condition-${index + 1}-devices`}
        />
        {showErrors &&
          problems.map((problem) => (
            <Typography.Text key={problem} type="danger">
              {problem}
            </Typography.Text>
          ))}
      </Flex>
    </Card>
  );
}
