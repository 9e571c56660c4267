// Follow a report by its tracking number: where it stands, its deadline, and the milestones the resident
// hears of (never who handled it). A closed case still open to rating offers the rating form.
import type { TResidentCaseView } from '@civgrid/contracts';
import { Button, Card, ErrorBlock, Form, Input, Rate, Steps, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../lib/api.ts';
import { formatTime } from '../lib/time.ts';
import { describePortalError, followCase, TRACKING_NO } from './api.ts';
import { usePortalI18n } from './i18n.tsx';

const minutes = (iso: string | null) => formatTime(iso)?.slice(0, 16) ?? '';

function CaseView({ view }: { view: TResidentCaseView }) {
  const { t, side } = usePortalI18n();
  const navigate = useNavigate();
  return (
    <>
      <Card className="portal-card" data-testid="portal-case">
        <div className="portal-case-title">{view.title}</div>
        <div style={{ marginBottom: 10 }}>
          <Tag color={view.isOpen ? 'primary' : 'success'} fill="solid" data-testid="portal-status">
            {view.statusLabel[side]}
          </Tag>{' '}
          <Tag color="default" fill="outline">
            {t(view.isOpen ? 'portal.follow.open' : 'portal.follow.closed')}
          </Tag>
        </div>
        <dl className="portal-facts">
          <dt>{t('portal.follow.trackingNo')}</dt>
          <dd>{view.trackingNo}</dd>
          <dt>{t('portal.follow.category')}</dt>
          <dd>{view.category.name[side]}</dd>
          <dt>{t('portal.follow.openedAt')}</dt>
          <dd>{minutes(view.openedAt)}</dd>
          {view.closedAt ? (
            <>
              <dt>{t('portal.follow.closedAt')}</dt>
              <dd>{minutes(view.closedAt)}</dd>
            </>
          ) : (
            <>
              <dt>{t('portal.follow.dueAt')}</dt>
              <dd>{minutes(view.dueAt)}</dd>
            </>
          )}
        </dl>
        {view.rating !== null && (
          <div style={{ marginTop: 10 }}>
            {t('portal.follow.rating', { rating: view.rating })}{' '}
            <Rate readOnly value={view.rating} style={{ '--star-size': '16px' }} />
          </div>
        )}
      </Card>
      {view.canRateUntil && (
        <div className="portal-actions">
          <Button
            block
            color="primary"
            size="large"
            onClick={() => navigate(`/follow/${view.trackingNo}/rate`)}
            data-testid="portal-rate"
          >
            {t('portal.follow.rate')}
          </Button>
          <div className="portal-hint" style={{ textAlign: 'center' }}>
            {t('portal.follow.rateUntil', { until: minutes(view.canRateUntil) })}
          </div>
        </div>
      )}
      <Card className="portal-card" title={t('portal.follow.progress')}>
        <Steps direction="vertical" current={view.progress.length - 1} data-testid="portal-progress">
          {view.progress.map((entry, index) => (
            <Steps.Step
              // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows; entries never move
              key={index}
              title={entry.text[side]}
              description={minutes(entry.at)}
              status={index === view.progress.length - 1 ? 'process' : 'finish'}
            />
          ))}
        </Steps>
      </Card>
    </>
  );
}

export function FollowPage() {
  const { t } = usePortalI18n();
  const navigate = useNavigate();
  const { trackingNo } = useParams();
  const [form] = Form.useForm<{ trackingNo: string }>();
  const [view, setView] = useState<TResidentCaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setView(null);
    setError(null);
    if (!trackingNo) return;
    form.setFieldsValue({ trackingNo });
    let live = true;
    setLoading(true);
    followCase(trackingNo)
      .then((found) => live && setView(found))
      .catch((reason: unknown) => {
        if (!live) return;
        setError(
          reason instanceof ApiError && reason.status === 404
            ? t('portal.follow.notFound')
            : describePortalError(reason, t),
        );
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [trackingNo, form, t]);

  return (
    <div data-testid="portal-follow">
      <div className="portal-intro">{t('portal.follow.intro')}</div>
      <Form
        form={form}
        layout="horizontal"
        onFinish={({ trackingNo: entered }) => navigate(`/follow/${entered.trim().toUpperCase()}`)}
        footer={
          <Button block type="submit" color="primary" loading={loading} data-testid="portal-follow-search">
            {t('portal.follow.search')}
          </Button>
        }
      >
        <Form.Item
          name="trackingNo"
          label={t('portal.follow.trackingNo')}
          normalize={(value: string | undefined) => value?.toUpperCase().replace(/\s/g, '')}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value || !TRACKING_NO.test(value))
                  throw new Error(t('portal.follow.trackingNo.invalid'));
              },
            },
          ]}
        >
          <Input
            placeholder={t('portal.follow.trackingNo.placeholder')}
            clearable
            autoComplete="off"
            data-testid="portal-follow-input"
          />
        </Form.Item>
      </Form>
      {error && <ErrorBlock status="empty" title={error} description="" data-testid="portal-follow-error" />}
      {view && <CaseView view={view} />}
    </div>
  );
}
