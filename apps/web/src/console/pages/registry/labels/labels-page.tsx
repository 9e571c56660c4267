// 楼栋二维码: the QR labels of one grid's buildings, laid out to print on A4 (three a row). Reached from
// the menu (pick a grid) or from a building's dossier (its grid, that building marked, or it alone).
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { query } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { useUser } from '../../../session/session-provider.tsx';
import type { TLabelSheet } from '../shared/types.ts';
import { UnitFilter } from '../shared/unit-filter.tsx';
import { LabelCard } from './label-card.tsx';
import './labels.css';

export function LabelsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const user = useUser();
  // A grid worker has one grid: start there.
  const grid = params.get('grid') ?? (user.scope.level === 'grid' ? user.scope.code : undefined);
  const highlight = params.get('highlight');
  const only = params.get('only');
  const { data, error, loading } = useApiGet<TLabelSheet>(
    grid ? `/api/v1/registry/labels${query({ grid })}` : null,
  );
  const labels = (data?.labels ?? []).filter((label) => !only || label.buildingId === only);

  // Bring the building the user came from into view.
  useEffect(() => {
    if (highlight && data) document.getElementById(`label-${highlight}`)?.scrollIntoView({ block: 'center' });
  }, [highlight, data]);

  const pickGrid = (code: string | undefined) => setParams(code ? { grid: code.trim() } : {});

  return (
    <Flex vertical gap={16}>
      <Card
        className="labels-toolbar"
        title={t('labels.title')}
        extra={
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={labels.length === 0}
            onClick={() => window.print()}
            data-testid="labels-print"
          >
            {t('labels.print')}
          </Button>
        }
      >
        <Flex gap={12} wrap align="center">
          <UnitFilter
            value={grid}
            onChange={pickGrid}
            placeholder={t('labels.gridPick')}
            gridsOnly
            testId="labels-grid"
          />
          <Input.Search
            key={grid}
            defaultValue={grid}
            placeholder={t('field.buildings.gridCode')}
            style={{ width: 200 }}
            onSearch={(value) => pickGrid(value || undefined)}
            data-testid="labels-grid-code"
          />
          <Typography.Text type="secondary">{t('labels.printHint')}</Typography.Text>
        </Flex>
        {data && (
          <Typography.Paragraph style={{ margin: '12px 0 0' }} data-testid="labels-count">
            {t('labels.count', { name: data.gridName, code: data.gridCode, count: labels.length })}
          </Typography.Paragraph>
        )}
        {only && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('labels.single')}
            action={
              <Button size="small" onClick={() => setParams({ grid: grid ?? '', highlight: only })}>
                {t('labels.showAll')}
              </Button>
            }
          />
        )}
        {error !== undefined && (
          <Alert type="error" showIcon title={describeError(error, t)} style={{ marginTop: 12 }} />
        )}
      </Card>
      {!grid && <Empty className="labels-toolbar" description={t('labels.pickHint')} />}
      {loading && !data && <Spin />}
      {data && labels.length === 0 && <Empty className="labels-toolbar" description={t('labels.empty')} />}
      {labels.length > 0 && (
        <div className="label-sheet" data-testid="label-sheet">
          {labels.map((label) => (
            <LabelCard key={label.buildingId} label={label} isHighlighted={label.buildingId === highlight} />
          ))}
        </div>
      )}
    </Flex>
  );
}
