// The frame of every dossier page: back to where the user came from, a title, the actions, and one
// answer for a missing record and one outside the jurisdiction (the server does not tell them apart).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import type { ApiGetState } from '../../../../lib/use-api-get.ts';
import { listPath, type RegisterKind } from '../shared/registers.ts';

interface Props<T> {
  kind: RegisterKind;
  state: ApiGetState<T>;
  title: (data: T) => ReactNode;
  extra?: (data: T) => ReactNode;
  children: (data: T) => ReactNode;
}

export function DossierFrame<T>({ kind, state, title, extra, children }: Props<T>) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  // A dossier opened from a link or a list goes back there; one opened directly goes to its list.
  const back = () => (location.key === 'default' ? navigate(listPath(kind)) : navigate(-1));
  const { data, error, loading } = state;

  let body: ReactNode;
  if (error instanceof ApiError && error.status === 404) {
    body = <Result status="404" title={t('dossier.notFound')} data-testid="dossier-not-found" />;
  } else if (error !== undefined) {
    body = <Alert type="error" showIcon title={describeError(error, t)} />;
  } else if (data === undefined) {
    body = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16} data-testid={`dossier-${kind}`}>
      <Card size="small" styles={{ body: { padding: '12px 16px' } }}>
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Flex align="center" gap={12} wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              {t('dossier.back')}
            </Button>
            <Typography.Text type="secondary">{t(`nav.registry.${kind}`)}</Typography.Text>
            {data !== undefined && (
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="dossier-title">
                {title(data)}
              </Typography.Title>
            )}
          </Flex>
          {data !== undefined && extra && (
            <Flex gap={8} wrap>
              {extra(data)}
            </Flex>
          )}
        </Flex>
      </Card>
      {body ?? (data !== undefined && <Spin spinning={loading}>{children(data)}</Spin>)}
    </Flex>
  );
}
