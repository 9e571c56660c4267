// 预警详情: one alert — rule, subject (linked to its dossier), grid, severity and state, the evidence, the
// history, and the steps the server allows the user now: acknowledge, resolve, false alarm (each with a
// note, confirmed in a dialog) and opening a case, which then opens.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { formatTime } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { SeverityTag, StatusTag, SubjectText, useLocalised } from './alert-tags.tsx';
import { EvidenceCard, useNamed } from './evidence-card.tsx';
import { StepDialog } from './step-dialog.tsx';
import { ALERTS_PATH, type AlertStep, type TAlertPage } from './types.ts';

export function AlertPage() {
  const t = useT();
  const stepName = useNamed('alerts.step.');
  const localised = useLocalised();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { id = '' } = useParams();
  const { data: alert, error, replace } = useApiGet<TAlertPage>(`/api/v1/alerts/${id}`);
  const [step, setStep] = useState<AlertStep | null>(null);
  const back = () => (location.key === 'default' ? navigate(ALERTS_PATH) : navigate(-1));

  const openCase = (current: TAlertPage) =>
    modal.confirm({
      title: t('alerts.step.case'),
      content: t('alerts.confirm.case'),
      okText: t('alerts.step.case'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'alert-case-ok' },
      onOk: async () => {
        try {
          const opened = await api.post<{ caseId: string; trackingNo: string }>(
            `/api/v1/alerts/${current.id}/case`,
            {},
          );
          message.success(t('alerts.done.case', { trackingNo: opened.trackingNo }));
          navigate(`/cases/${opened.caseId}`);
        } catch (reason) {
          message.error(describeError(reason, t));
        }
      },
    });

  const head = (
    <Card size="small" styles={{ body: { padding: '12px 16px' } }}>
      <Flex align="center" gap={12} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('alerts.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {alert ? localised(alert.ruleLabel) : t('alerts.page.title', { id })}
        </Typography.Title>
        {alert && <StatusTag alert={alert} />}
        {alert && <SeverityTag severity={alert.severity} />}
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          {alert?.allowed
            .filter((allowed): allowed is AlertStep => allowed !== 'case')
            .map((allowed) => (
              <Button
                key={allowed}
                type={allowed === 'false-alarm' ? 'default' : 'primary'}
                danger={allowed === 'false-alarm'}
                onClick={() => setStep(allowed)}
                data-testid={`alert-step-${allowed}`}
              >
                {t(`alerts.step.${allowed}`)}
              </Button>
            ))}
          {alert?.allowed.includes('case') && (
            <Button onClick={() => openCase(alert)} data-testid="alert-step-case">
              {t('alerts.step.case')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Flex vertical gap={16}>
        {head}
        <Result status="404" title={t('alerts.notFound')} data-testid="alert-not-found" />
      </Flex>
    );
  }
  if (error !== undefined) {
    return (
      <Flex vertical gap={16}>
        {head}
        <Alert type="error" showIcon title={describeError(error, t)} />
      </Flex>
    );
  }
  if (alert === undefined) {
    return (
      <Flex vertical gap={16}>
        {head}
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      </Flex>
    );
  }

  const details = [
    { key: 'rule', label: t('alerts.field.rule'), children: localised(alert.ruleLabel) },
    { key: 'subject', label: t('alerts.field.subject'), children: <SubjectText alert={alert} isLinked /> },
    {
      key: 'grid',
      label: t('alerts.field.grid'),
      children: `${alert.gridName} (${alert.gridCode})`,
    },
    ...(alert.house
      ? [
          {
            key: 'house',
            label: t('alerts.field.house'),
            children: `${alert.house.address} (${alert.house.code})`,
          },
        ]
      : []),
    {
      key: 'severity',
      label: t('alerts.field.severity'),
      children: <SeverityTag severity={alert.severity} />,
    },
    { key: 'status', label: t('alerts.field.status'), children: <StatusTag alert={alert} /> },
    { key: 'level', label: t('alerts.field.level'), children: t(`alerts.level.${alert.level}`) },
    {
      key: 'assignee',
      label: t('alerts.field.assignee'),
      children: alert.assignee?.name ?? t('alerts.unassigned'),
    },
    { key: 'createdAt', label: t('alerts.field.createdAt'), children: formatTime(alert.createdAt) },
    { key: 'ackDueAt', label: t('alerts.field.ackDueAt'), children: formatTime(alert.ackDueAt) },
    ...(alert.acknowledgedAt
      ? [
          {
            key: 'ackAt',
            label: t('alerts.field.acknowledgedAt'),
            children: formatTime(alert.acknowledgedAt),
          },
        ]
      : []),
    ...(alert.closedAt
      ? [{ key: 'closedAt', label: t('alerts.field.closedAt'), children: formatTime(alert.closedAt) }]
      : []),
    ...(alert.note ? [{ key: 'note', label: t('alerts.field.note'), children: alert.note }] : []),
    ...(alert.case
      ? [
          {
            key: 'case',
            label: t('alerts.field.case'),
            children: <Link to={`/cases/${alert.case.id}`}>{alert.case.trackingNo}</Link>,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="alert-page">
      {head}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={details}
          data-testid="alert-details"
        />
      </Card>
      <EvidenceCard evidence={alert.evidence} />
      <Card title={t('alerts.history')} size="small">
        <Timeline
          items={alert.history.map((line, index) => ({
            key: `${line.at}-${index}`,
            children: (
              <>
                <Typography.Text strong>{stepName(line.action)}</Typography.Text> · {line.actor} ·{' '}
                <Typography.Text type="secondary">{formatTime(line.at)}</Typography.Text>
                {line.note && <div>{line.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {step && (
        <StepDialog
          alert={alert}
          step={step}
          onClose={() => setStep(null)}
          onDone={(next) => {
            setStep(null);
            replace(next);
          }}
        />
      )}
    </Flex>
  );
}
