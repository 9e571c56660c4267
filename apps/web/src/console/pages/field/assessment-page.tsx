// 考核评价 (两查两评三挂钩): the month's sheet of every grid worker of the jurisdiction — the two checks, the
// two ratings, the score and grade with the county's weights, the pay coefficient — the centre's decision
// on each, the week's patrol track, the county's settings, and the export to Excel.
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useLang, useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../components/server-paging.ts';
import { hasPermission } from '../../nav.ts';
import { useUser } from '../../session/session-provider.tsx';
import { pickMessage } from '../cases/shared/use-message.ts';
import { DecisionDialog } from './decision-dialog.tsx';
import { exportSheets } from './export-sheets.ts';
import { FIELD_API, type Grade, PARTS, partText, type TSheet, type TSheetList } from './field-api.ts';
import { SettingsDialog } from './settings-dialog.tsx';
import { TrackDrawer } from './track-drawer.tsx';

const GRADE_COLOURS: Record<Grade, string> = {
  excellent: 'green',
  good: 'blue',
  pass: 'default',
  fail: 'red',
};

export function AssessmentPage() {
  const t = useT();
  const { lang } = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const { page, pageSize, setPage, onPage } = usePaging(20);
  const list = useApiGet<TSheetList>(`${FIELD_API}/assessments${query({ month, page, pageSize })}`);
  const [deciding, setDeciding] = useState<TSheet | null>(null);
  const [tracking, setTracking] = useState<TSheet['worker'] | null>(null);
  const [settings, setSettings] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canManage = hasPermission(user, 'field.manage');

  const exportAll = async () => {
    setExporting(true);
    try {
      message.success(t('fieldwork.export.done', { rows: await exportSheets(month, t, lang) }));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title={t('nav.fieldwork.assessments')}
      extra={
        <Flex gap={8}>
          {hasPermission(user, 'field.settings') && (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
              {t('fieldwork.settings')}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!list.data?.total}
            onClick={exportAll}
          >
            {t('fieldwork.export')}
          </Button>
        </Flex>
      }
    >
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        {t('fieldwork.month')}
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => {
            if (!d) return;
            setMonth(d.format('YYYY-MM'));
            setPage(1);
          }}
          data-testid="assessment-month"
        />
      </Flex>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={describeError(list.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<TSheet>
        rowKey={(s) => s.worker.id}
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(t, {
          page,
          pageSize,
          total: list.data?.total,
          onPage,
          pageSizeOptions: ['20', '50'],
        })}
        columns={[
          { title: t('fieldwork.field.name'), render: (_, s) => s.worker.name },
          { title: t('fieldwork.field.unit'), render: (_, s) => s.worker.unit },
          ...PARTS.map((p) => ({
            title: t(`fieldwork.part.${p}`),
            render: (_: unknown, s: TSheet) =>
              p === 'daily' ? (
                <span title={t('fieldwork.attendance', s.daily)}>{partText(s.parts.daily)}</span>
              ) : (
                partText(s.parts[p])
              ),
          })),
          { title: t('fieldwork.score'), render: (_, s) => s.score ?? t('common.none') },
          {
            title: t('fieldwork.grade'),
            render: (_, s) =>
              s.grade && s.gradeLabel ? (
                <Tag color={GRADE_COLOURS[s.grade]}>{pickMessage(s.gradeLabel, lang)}</Tag>
              ) : (
                t('common.none')
              ),
          },
          {
            title: t('fieldwork.pay'),
            render: (_, s) => s.decision?.payCoefficient ?? s.payCoefficient ?? t('common.none'),
          },
          {
            title: t('fieldwork.decided'),
            render: (_, s) =>
              s.decision
                ? [s.decision.rewardPenalty, s.decision.deployment].filter(Boolean).join('；') || '✓'
                : t('common.none'),
          },
          {
            title: t('common.actions'),
            render: (_, s) => (
              <Flex gap={4}>
                <Button size="small" type="link" onClick={() => setTracking(s.worker)}>
                  {t('fieldwork.track')}
                </Button>
                {canManage && s.score !== null && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setDeciding(s)}
                    data-testid="assessment-decide"
                  >
                    {t('fieldwork.decide')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
        data-testid="assessment-table"
      />
      {deciding && (
        <DecisionDialog
          sheet={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            message.success(t('fieldwork.saved'));
            list.reload();
          }}
        />
      )}
      {tracking && <TrackDrawer worker={tracking} month={month} onClose={() => setTracking(null)} />}
      {settings && (
        <SettingsDialog
          county={user.scope.code.slice(0, 6)}
          onClose={() => setSettings(false)}
          onSaved={() => {
            setSettings(false);
            message.success(t('fieldwork.settings.saved'));
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
