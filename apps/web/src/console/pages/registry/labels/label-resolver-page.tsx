// `/console/registry/label/<token>`, where a scanned label lands (via the server's `/l/<token>`): open
// the building's dossier, or say the label is unknown. A label outside the user's jurisdiction gets
// the same answer as a forged one, so a scan reveals nothing about other areas.
import { Alert, Flex, Result, Spin, Typography } from 'antd';
import { Navigate, useParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { dossierPath } from '../shared/registers.ts';
import type { TLabelResolved } from '../shared/types.ts';

export function LabelResolverPage() {
  const t = useT();
  const { token = '' } = useParams();
  const { data, error } = useApiGet<TLabelResolved>(`/api/v1/registry/labels/${encodeURIComponent(token)}`);

  if (data) return <Navigate to={dossierPath('buildings', data.buildingId)} replace />;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <Result status="warning" title={t('labels.invalid')} data-testid="label-invalid" />;
  }
  if (error !== undefined) return <Alert type="error" showIcon title={describeError(error, t)} />;
  return (
    <Flex vertical align="center" gap={12} style={{ padding: 48 }}>
      <Spin size="large" />
      <Typography.Text type="secondary">{t('labels.resolving')}</Typography.Text>
    </Flex>
  );
}
