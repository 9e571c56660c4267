// One grid worker's file (五统一): title and badge, identity number (masked; revealed for a reason) and
// equipment, duties, registration file, the grids covered, and the assessment record; the centre edits it
// and records the worker's leaving here.
import { App, Button, Descriptions, Drawer, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { hasPermission } from '../../nav.ts';
import { useUser } from '../../session/session-provider.tsx';
import { pickMessage } from '../cases/shared/use-message.ts';
import { FIELD_API, type TDecision, type TWorker } from './field-api.ts';
import {
  type DisableAnswer,
  DisableDialog,
  EditWorkerDialog,
  GridsDialog,
  RevealDialog,
} from './worker-dialogs.tsx';

type Dialog = 'edit' | 'grids' | 'reveal' | 'disable' | null;

export function WorkerDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const file = useApiGet<TWorker>(`${FIELD_API}/workers/${id}`);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const canManage = hasPermission(user, 'field.manage');
  const w = file.data;

  const done = (worker: TWorker) => {
    file.replace(worker);
    setDialog(null);
    message.success(t('fieldwork.saved'));
    onChanged();
  };
  const disabled = (answer: DisableAnswer) => {
    file.replace(answer.worker);
    setDialog(null);
    message.success(
      t('fieldwork.disabled', { sessions: answer.endedSessions, tasks: answer.handedBack.length }),
    );
    if (answer.left.length > 0)
      message.warning(
        t('fieldwork.disabled.left', {
          count: answer.left.length,
          list: answer.left.map((l) => l.trackingNo).join('、'),
        }),
      );
    onChanged();
  };

  const none = t('common.none');
  return (
    <Drawer
      open
      width={760}
      title={w ? `${w.name}（${w.username}）` : ''}
      onClose={onClose}
      data-testid="worker-drawer"
    >
      {!w ? (
        <Spin />
      ) : (
        <>
          {canManage && (
            <Flex gap={8} style={{ marginBottom: 16 }}>
              <Button onClick={() => setDialog('edit')} data-testid="worker-edit">
                {t('fieldwork.edit')}
              </Button>
              <Button onClick={() => setDialog('grids')}>{t('fieldwork.grids.edit')}</Button>
              {w.isActive && (
                <Button danger onClick={() => setDialog('disable')} data-testid="worker-disable">
                  {t('fieldwork.disable')}
                </Button>
              )}
            </Flex>
          )}
          <Descriptions bordered size="small" column={2} title={t('fieldwork.five')}>
            <Descriptions.Item label={t('fieldwork.field.title')}>{w.title ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.badgeNo')}>{w.badgeNo ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.idNumber')} span={2}>
              {revealed ?? w.idNumber ?? none}
              {w.idNumber && w.canReveal && !revealed && (
                <Button type="link" size="small" onClick={() => setDialog('reveal')}>
                  {t('fieldwork.reveal')}
                </Button>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.equipment')} span={2}>
              {w.equipment.length === 0
                ? none
                : w.equipment.map((e) => (
                    <Tag key={`${e.item}${e.serial ?? ''}`}>
                      {e.item}
                      {e.serial ? ` ${e.serial}` : ''}
                    </Tag>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.duties')} span={2}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{w.duties ?? none}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.registrationFile')} span={2}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                {w.registrationFile ?? none}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.grids')} span={2}>
              {w.grids.map((g) => (
                <Tag key={g.code}>
                  {g.name} {g.code}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.recruitedOn')}>
              {w.recruitedOn ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('fieldwork.field.leftOn')}>{w.leftOn ?? none}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('fieldwork.record')}
          </Typography.Title>
          <Table<TDecision>
            rowKey="month"
            size="small"
            pagination={false}
            dataSource={w.assessments}
            columns={[
              { title: t('fieldwork.month'), dataIndex: 'month' },
              { title: t('fieldwork.score'), dataIndex: 'score' },
              { title: t('fieldwork.grade'), render: (_, d) => pickMessage(d.gradeLabel, lang) },
              { title: t('fieldwork.pay'), render: (_, d) => d.payCoefficient ?? none },
              { title: t('fieldwork.rewardPenalty'), render: (_, d) => d.rewardPenalty ?? none },
              { title: t('fieldwork.deployment'), render: (_, d) => d.deployment ?? none },
              {
                title: t('fieldwork.decided'),
                render: (_, d) => `${d.decidedBy} ${formatTime(d.decidedAt) ?? ''}`,
              },
            ]}
          />
          {dialog === 'edit' && <EditWorkerDialog worker={w} onClose={() => setDialog(null)} onDone={done} />}
          {dialog === 'grids' && <GridsDialog worker={w} onClose={() => setDialog(null)} onDone={done} />}
          {dialog === 'reveal' && (
            <RevealDialog
              worker={w}
              onClose={() => setDialog(null)}
              onRevealed={(n) => {
                setRevealed(n);
                setDialog(null);
              }}
            />
          )}
          {dialog === 'disable' && (
            <DisableDialog worker={w} onClose={() => setDialog(null)} onDisabled={disabled} />
          )}
        </>
      )}
    </Drawer>
  );
}
