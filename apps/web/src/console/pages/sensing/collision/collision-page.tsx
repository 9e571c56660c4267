// 碰撞比对: the subjects seen at chosen devices in several time windows (a burglary's three nights, the
// gates a vehicle must have passed). Devices are picked on the map — a click adds a marker to the
// condition being picked for, a second click takes it out — or from each condition's list.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { TCollision, TDeviceStatus } from '@civgrid/contracts';
import { Alert, Button, Card, Col, Empty, Flex, Form, Row, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { useFormSubmit } from '../../../components/use-form-submit.ts';
import { useUser } from '../../../session/session-provider.tsx';
import { DeviceLayer, type MarkerStyle } from '../shared/device-layer.tsx';
import { deviceTypeName } from '../shared/device-names.ts';
import { cleanPurpose, usePurpose } from '../shared/purpose.ts';
import { PurposeFields } from '../shared/purpose-fields.tsx';
import { placeQueryField } from '../shared/query-fields.ts';
import { SensingMap } from '../shared/sensing-map.tsx';
import { rangeToIso } from '../shared/time-range.tsx';
import { useAllDevices } from '../shared/use-all-devices.ts';
import { type CollisionValues, MinMatchesField, SubjectTypeField } from './collision-form.tsx';
import { CollisionResults } from './collision-results.tsx';
import { ConditionCard } from './condition-card.tsx';
import {
  type Condition,
  conditionColour,
  isComplete,
  MAX_CONDITIONS,
  newCondition,
  toggled,
} from './conditions.ts';

const MAP_HEIGHT = 620;
const IDLE: MarkerStyle = { colour: '#fff', fill: '#8c8c8c', radius: 6 };

export function CollisionPage() {
  const t = useT();
  const user = useUser();
  const { purpose, remember } = usePurpose(user);
  const [form] = Form.useForm<CollisionValues>();
  const submit = useFormSubmit(form, placeQueryField);
  const all = useAllDevices({});
  const [conditions, setConditions] = useState<Condition[]>(() => [newCondition(), newCondition()]);
  const [activeId, setActiveId] = useState(() => conditions[0]!.id);
  const [showErrors, setShowErrors] = useState(false);
  const [result, setResult] = useState<TCollision | null>(null);

  const activeIndex = Math.max(
    0,
    conditions.findIndex((c) => c.id === activeId),
  );
  const change = (next: Condition) => setConditions((list) => list.map((c) => (c.id === next.id ? next : c)));
  const remove = (id: number) => {
    const rest = conditions.filter((c) => c.id !== id);
    setConditions(rest);
    if (id === activeId) setActiveId(rest[0]!.id);
  };
  const add = () => {
    const condition = newCondition();
    setConditions((list) => [...list, condition]);
    setActiveId(condition.id);
  };
  const pickOnMap = useCallback(
    (device: TDeviceStatus) =>
      setConditions((list) => list.map((c) => (c.id === activeId ? toggled(c, device.code) : c))),
    [activeId],
  );

  const styleOf = useCallback(
    (device: TDeviceStatus): MarkerStyle => {
      const active = conditions[activeIndex];
      if (active?.deviceCodes.includes(device.code)) {
        return { colour: '#fff', fill: conditionColour(activeIndex), radius: 9 };
      }
      const other = conditions.findIndex((c) => c.deviceCodes.includes(device.code));
      return other >= 0 ? { colour: conditionColour(other), fill: '#fff', radius: 7, weight: 3 } : IDLE;
    },
    [conditions, activeIndex],
  );
  const tooltipOf = (device: TDeviceStatus) => {
    const inConditions = conditions
      .map((c, i) => (c.deviceCodes.includes(device.code) ? i + 1 : 0))
      .filter((n) => n > 0);
    return [
      device.name,
      `${device.code} · ${deviceTypeName(device.type, t)}`,
      inConditions.length > 0
        ? t('sensing.collision.inConditions', { list: inConditions.join('、') })
        : t('sensing.collision.clickToAdd', { n: activeIndex + 1 }),
    ];
  };
  const focus = useMemo(() => all.devices.map((d) => [d.lat, d.lng] as const), [all.devices]);

  const run = (values: CollisionValues) => {
    setShowErrors(true);
    const incomplete = conditions.findIndex((c) => !isComplete(c));
    if (incomplete >= 0) {
      submit.setFailure(t('sensing.collision.incomplete', { n: incomplete + 1 }));
      return;
    }
    void submit.run(async () => {
      const minMatches = values.minMatches ? Math.min(values.minMatches, conditions.length) : undefined;
      const body = {
        subjectType: values.subjectType,
        conditions: conditions.map((c) => ({ deviceCodes: c.deviceCodes, ...rangeToIso(c.range!) })),
        ...(minMatches ? { minMatches } : {}),
        purpose: cleanPurpose(values.purpose),
      };
      const answer = await api.post<TCollision>('/api/v1/insight/collision', body);
      remember(values.purpose);
      setResult(answer);
    });
  };

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('sensing.collision.map')}
            extra={
              <Typography.Text type="secondary">
                {t('sensing.collision.mapHint', { n: activeIndex + 1 })}
              </Typography.Text>
            }
          >
            {all.error !== undefined && (
              <Alert type="error" showIcon title={describeError(all.error, t)} style={{ marginBottom: 8 }} />
            )}
            <SensingMap focus={focus} height={MAP_HEIGHT} testId="collision-map">
              <DeviceLayer
                devices={all.devices}
                styleOf={styleOf}
                tooltipOf={tooltipOf}
                onClick={pickOnMap}
              />
            </SensingMap>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('nav.sensing.collision')}>
            {submit.failure && (
              <Alert type="error" showIcon title={submit.failure} style={{ marginBottom: 16 }} />
            )}
            <Form<CollisionValues>
              form={form}
              layout="vertical"
              initialValues={{ subjectType: 'person', purpose: purpose ?? undefined }}
              onFinish={run}
              data-testid="collision-form"
            >
              <SubjectTypeField />
              <Form.Item label={t('sensing.collision.conditions')} required>
                <Flex vertical gap={8}>
                  {conditions.map((condition, index) => (
                    <ConditionCard
                      key={condition.id}
                      index={index}
                      condition={condition}
                      devices={all.devices}
                      isActive={index === activeIndex}
                      showErrors={showErrors}
                      canRemove={conditions.length > 1}
                      onActivate={() => setActiveId(condition.id)}
                      onChange={change}
                      onRemove={() => remove(condition.id)}
                    />
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    disabled={conditions.length >= MAX_CONDITIONS}
                    onClick={add}
                    data-testid="collision-add"
                  >
                    {t('sensing.collision.add')}
                  </Button>
                </Flex>
              </Form.Item>
              <MinMatchesField conditions={conditions.length} />
              <PurposeFields />
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined />}
                loading={submit.isBusy}
                block
                data-testid="collision-submit"
              >
                {t('sensing.collision.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('sensing.collision.results')}>
        {result ? (
          <CollisionResults result={result} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sensing.collision.hint')} />
        )}
      </Card>
    </Flex>
  );
}
