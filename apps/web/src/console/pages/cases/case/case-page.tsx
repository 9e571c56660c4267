// 案件详情: one case — its head (status, holder, deadlines, supervision), what it is about and where, the
// tasks, the whistle's roll call, the timeline, and the steps the user can take now. A missing case and
// one out of reach read the same (the server does not tell them apart).
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Result, Row, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { caseApi, QUEUE_PATH, type TCasePage } from '../shared/cases.ts';
import { useCaseCategories } from '../shared/use-case-categories.ts';
import { ActionsPanel } from '../steps/actions-panel.tsx';
import { CaseDetails } from './case-details.tsx';
import { CaseHeader } from './case-header.tsx';
import { CaseMap } from './case-map.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { RollCalls } from './roll-calls.tsx';
import { TasksTable } from './tasks-table.tsx';

/** Deadlines turn red on their own while the page is open. */
const TICK_MS = 60_000;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function CasePage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { id = '' } = useParams();
  const state = useApiGet<TCasePage>(caseApi(id));
  const categories = useCaseCategories();
  const now = useNow();
  const back = () => (location.key === 'default' ? navigate(QUEUE_PATH) : navigate(-1));
  const { data: page, error } = state;

  let body: ReactNode = null;
  if (error instanceof ApiError && error.status === 404) {
    body = <Result status="404" title={t('cases.notFound')} data-testid="case-not-found" />;
  } else if (error !== undefined) {
    body = <Alert type="error" showIcon title={describeError(error, t)} />;
  } else if (page === undefined) {
    body = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="case-page">
      <Card size="small" styles={{ body: { padding: '12px 16px' } }}>
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Flex align="center" gap={12} wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              {t('cases.back')}
            </Button>
            {page && (
              <>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
                  {page.case.title}
                </Typography.Title>
                <Typography.Text copyable type="secondary" data-testid="case-tracking-no">
                  {page.case.trackingNo}
                </Typography.Text>
              </>
            )}
          </Flex>
          <Button icon={<ReloadOutlined />} onClick={state.reload} loading={state.loading}>
            {t('cases.refresh')}
          </Button>
        </Flex>
      </Card>
      {body ??
        (page && (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={17}>
              <Flex vertical gap={16}>
                <Card size="small">
                  <CaseHeader page={page} categories={categories} now={now} />
                </Card>
                <Card size="small" title={t('cases.section.details')}>
                  <CaseDetails page={page} />
                </Card>
                <Card size="small" title={t('cases.section.tasks')}>
                  <TasksTable tasks={page.tasks} round={page.case.round} now={now} />
                </Card>
                {page.whistles.length > 0 && (
                  <Card size="small" title={t('cases.section.whistles')}>
                    <RollCalls whistles={page.whistles} tasks={page.tasks} />
                  </Card>
                )}
              </Flex>
            </Col>
            <Col xs={24} xl={7}>
              <Flex vertical gap={16}>
                <Card size="small" title={t('cases.section.actions')}>
                  <ActionsPanel page={page} now={now} onChanged={state.replace} reload={state.reload} />
                </Card>
                <Card size="small" title={t('cases.section.map')}>
                  <CaseMap page={page} />
                </Card>
                <Card size="small" title={t('cases.section.timeline')}>
                  <CaseTimeline entries={page.timeline} />
                </Card>
              </Flex>
            </Col>
          </Row>
        ))}
    </Flex>
  );
}
