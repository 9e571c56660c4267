// The person's attention categories: the open ones first, each with its reason, period and who set
// it; ended ones on request. Adding and ending need 'registry.edit'.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../../lib/time.ts';
import type { TPersonDossier, TPersonTag } from '../shared/types.ts';
import type { Categories } from '../shared/use-categories.ts';
import { TagAddDialog } from './tag-add-dialog.tsx';
import { TagEndDialog } from './tag-end-dialog.tsx';

interface Props {
  dossier: TPersonDossier;
  categories: Categories;
  canEdit: boolean;
  onChanged: (dossier: TPersonDossier) => void;
}

type Dialog = { kind: 'closed' } | { kind: 'add' } | { kind: 'end'; tag: TPersonTag };

export function PersonTags({ dossier, categories, canEdit, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'closed' });
  const [showEnded, setShowEnded] = useState(false);
  const active = dossier.tags.filter((tag) => tag.isActive);
  const ended = dossier.tags.filter((tag) => !tag.isActive);
  const shown = showEnded ? [...active, ...ended] : active;

  const saved = (text: 'tags.added' | 'tags.endedDone') => (next: TPersonDossier) => {
    setDialog({ kind: 'closed' });
    message.success(t(text));
    onChanged(next);
  };

  return (
    <Card
      title={t('tags.title')}
      size="small"
      extra={
        canEdit && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'add' })}
            data-testid="tag-add"
          >
            {t('tags.add')}
          </Button>
        )
      }
      data-testid="person-tags"
    >
      {shown.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tags.empty')} />}
      <Flex vertical gap={12}>
        {shown.map((tag) => (
          <Flex
            key={tag.id}
            justify="space-between"
            align="start"
            gap={8}
            style={{ opacity: tag.isActive ? 1 : 0.6 }}
          >
            <div>
              <Tag color={tag.isActive ? 'orange' : 'default'}>
                {categories.nameOf(tag.category, tag.categoryName)}
              </Tag>
              <Typography.Text type="secondary">
                {t(tag.isActive ? 'tags.active' : 'tags.ended')}
              </Typography.Text>
              <div>{tag.reason}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tags.period', {
                  from: formatTime(tag.from) ?? '',
                  until: formatTime(tag.until) ?? t('tags.open'),
                })}
                {' · '}
                {t('tags.setBy')}: {tag.setBy}
              </Typography.Text>
            </div>
            {canEdit && tag.isActive && (
              <Button size="small" danger onClick={() => setDialog({ kind: 'end', tag })}>
                {t('tags.end')}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
      {ended.length > 0 && !showEnded && (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setShowEnded(true)}>
          {t('tags.showEnded', { count: ended.length })}
        </Button>
      )}
      {dialog.kind === 'add' && (
        <TagAddDialog
          personId={dossier.person.id}
          categories={categories}
          activeCodes={active.map((tag) => tag.category)}
          onClose={() => setDialog({ kind: 'closed' })}
          onSaved={saved('tags.added')}
        />
      )}
      {dialog.kind === 'end' && (
        <TagEndDialog
          personId={dossier.person.id}
          tagId={dialog.tag.id}
          categoryName={dialog.tag.categoryName}
          onClose={() => setDialog({ kind: 'closed' })}
          onSaved={saved('tags.endedDone')}
        />
      )}
    </Card>
  );
}
