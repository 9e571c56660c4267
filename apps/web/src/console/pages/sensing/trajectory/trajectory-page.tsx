// 轨迹查询: a person's, vehicle's or phone's sightings over a time range, stated with a purpose, drawn
// on the grid map with playback, and listed point by point.
import type { TSubject, TTrajectory } from '@civgrid/contracts';
import { Alert, Card, Col, Empty, Flex, Form, Row } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { useFormSubmit } from '../../../components/use-form-submit.ts';
import { useUser } from '../../../session/session-provider.tsx';
import { MarkerLegend } from '../shared/map-legend.tsx';
import { cleanPurpose, usePurpose } from '../shared/purpose.ts';
import { placeQueryField } from '../shared/query-fields.ts';
import { SensingMap } from '../shared/sensing-map.tsx';
import { subjectLabel, toSubject } from '../shared/subject-fields.tsx';
import { rangeToIso } from '../shared/time-range.tsx';
import { PlaybackBar } from './playback-bar.tsx';
import { PointsTable } from './points-table.tsx';
import { TRACK_COLOURS, TrackLayer } from './track-layer.tsx';
import { TrajectoryForm, type TrajectoryValues } from './trajectory-form.tsx';
import { usePlayback } from './use-playback.ts';

type Point = TTrajectory['points'][number];
const MAP_HEIGHT = 480;

export function TrajectoryPage() {
  const t = useT();
  const user = useUser();
  const { purpose, remember } = usePurpose(user);
  const [form] = Form.useForm<TrajectoryValues>();
  const submit = useFormSubmit(form, placeQueryField);
  const [result, setResult] = useState<{ subject: TSubject; points: Point[] } | null>(null);

  const points = result?.points ?? [];
  const times = useMemo(() => (result?.points ?? []).map((p) => Date.parse(p.time)), [result]);
  const focus = useMemo(() => (result?.points ?? []).map((p) => [p.lat, p.lng] as const), [result]);
  const playback = usePlayback(times);

  const run = (values: TrajectoryValues) =>
    submit.run(async () => {
      const subject = toSubject(values);
      const body = { subject, ...rangeToIso(values.range), purpose: cleanPurpose(values.purpose) };
      const answer = await api.post<TTrajectory>('/api/v1/insight/trajectory', body);
      remember(values.purpose);
      setResult({ subject, points: answer.points });
    });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={7} xxl={6}>
        <Card title={t('nav.sensing.trajectory')} size="small">
          {submit.failure && (
            <Alert type="error" showIcon title={submit.failure} style={{ marginBottom: 16 }} />
          )}
          <TrajectoryForm form={form} purpose={purpose} submit={submit} onFinish={run} />
        </Card>
      </Col>
      <Col xs={24} xl={17} xxl={18}>
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={
              result
                ? t('sensing.trajectory.resultTitle', {
                    subject: subjectLabel(result.subject),
                    count: points.length,
                  })
                : t('sensing.trajectory.map')
            }
            extra={
              <MarkerLegend
                entries={[
                  [t('sensing.trajectory.legend.first'), TRACK_COLOURS.first],
                  [t('sensing.trajectory.legend.last'), TRACK_COLOURS.last],
                  [t('sensing.trajectory.legend.current'), TRACK_COLOURS.current],
                ]}
              />
            }
          >
            <SensingMap focus={focus} height={MAP_HEIGHT} testId="trajectory-map">
              <TrackLayer points={points} current={playback.current} onSelect={playback.goTo} />
            </SensingMap>
            {points.length > 0 && (
              <div style={{ marginTop: 12 }}>
                <PlaybackBar playback={playback} count={points.length} />
              </div>
            )}
          </Card>
          <Card size="small" title={t('sensing.trajectory.points')}>
            {points.length > 0 ? (
              <PointsTable points={points} current={playback.current} onSelect={playback.goTo} />
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={result ? t('sensing.trajectory.empty') : t('sensing.trajectory.hint')}
                data-testid={result ? 'trajectory-empty' : undefined}
              />
            )}
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}
