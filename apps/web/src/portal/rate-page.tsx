// Rate the answer: 1–5 stars, an optional comment and the password from the receipt. One or two stars
// say "not satisfied", which the page states before sending: the case will be handled again.
import { Button, Form, Input, NoticeBar, Rate, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../lib/api.ts';
import { describePortalError, rateCase } from './api.ts';
import { usePortalI18n } from './i18n.tsx';

interface Fields {
  rating?: number;
  comment?: string;
  secret?: string;
}

const STAR_KEYS = [
  'portal.rate.star.1',
  'portal.rate.star.2',
  'portal.rate.star.3',
  'portal.rate.star.4',
  'portal.rate.star.5',
] as const;

export function RatePage() {
  const { t } = usePortalI18n();
  const navigate = useNavigate();
  const trackingNo = useParams().trackingNo ?? '';
  const [form] = Form.useForm<Fields>();
  const rating = Form.useWatch('rating', form) as number | undefined;
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: Fields) => {
    setFailure(null);
    setSending(true);
    try {
      const view = await rateCase(trackingNo, {
        secret: values.secret?.trim() ?? '',
        rating: values.rating ?? 0,
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      });
      Toast.show({ icon: 'success', content: t(view.isOpen ? 'portal.rate.reopened' : 'portal.rate.done') });
      navigate(`/follow/${trackingNo}`, { replace: true });
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.status === 404
          ? t('portal.rate.wrongSecret')
          : describePortalError(error, t),
      );
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="portal-rate-page">
      <div className="portal-intro">
        {t('portal.rate.intro')}
        <div className="portal-code" style={{ fontSize: 18 }}>
          {trackingNo}
        </div>
      </div>
      {failure && (
        <NoticeBar
          className="portal-error"
          color="error"
          wrap
          content={failure}
          data-testid="portal-rate-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={sending}
            data-testid="portal-rate-submit"
          >
            {t('portal.rate.submit')}
          </Button>
        }
      >
        <Form.Item
          name="rating"
          label={t('portal.rate.stars')}
          rules={[{ required: true, message: t('portal.rate.stars.required') }]}
          description={rating ? t(STAR_KEYS[rating - 1]!) : undefined}
        >
          <Rate allowClear={false} style={{ '--star-size': '32px' }} />
        </Form.Item>
        {rating !== undefined && rating <= 2 && (
          <NoticeBar
            className="portal-error"
            color="alert"
            wrap
            content={t('portal.rate.reopen')}
            data-testid="portal-rate-reopen"
          />
        )}
        <Form.Item name="comment" label={t('portal.rate.comment')}>
          <TextArea
            placeholder={t('portal.rate.comment.placeholder')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            showCount
          />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('portal.rate.secret')}
          normalize={(value: string | undefined) => value?.toUpperCase().replace(/\s/g, '')}
          rules={[{ required: true, message: t('portal.rate.secret.required') }]}
        >
          <Input
            placeholder={t('portal.rate.secret.placeholder')}
            maxLength={16}
            autoComplete="off"
            clearable
            data-testid="portal-rate-secret"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
