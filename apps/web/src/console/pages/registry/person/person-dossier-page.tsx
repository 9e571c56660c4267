// 一人一档: the person's record, links, attention categories and history, with the actions the
// user's permissions allow: an audited reveal, editing, and residents' rights requests.
import { EditOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { hasPermission } from '../../../nav.ts';
import { useUser } from '../../../session/session-provider.tsx';
import { DossierFrame } from '../dossiers/dossier-frame.tsx';
import { DossierTabs } from '../dossiers/dossier-tabs.tsx';
import { useDossier } from '../dossiers/use-dossier.ts';
import { listPath } from '../shared/registers.ts';
import type { TPersonDossier } from '../shared/types.ts';
import { useCategories } from '../shared/use-categories.ts';
import { PersonEditDialog } from './person-edit-dialog.tsx';
import { PersonLinks } from './person-links.tsx';
import { PersonRecord } from './person-record.tsx';
import { PersonTags } from './person-tags.tsx';
import { RevealDialog } from './reveal-dialog.tsx';
import { RightsDialog } from './rights-dialog.tsx';
import { useRevealed } from './use-revealed.ts';

type Dialog = 'none' | 'reveal' | 'edit' | 'rights';

export function PersonDossierPage() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const state = useDossier<TPersonDossier>('persons');
  const categories = useCategories();
  const revealed = useRevealed();
  const [dialog, setDialog] = useState<Dialog>('none');
  const canEdit = hasPermission(user, 'registry.edit');
  const canHandleRights = hasPermission(user, 'rights.handle');
  const close = () => setDialog('none');

  // Following a household link keeps this page mounted: never show one person's plaintext on another's.
  const { id } = useParams();
  const { hide } = revealed;
  useEffect(() => {
    if (id) hide();
  }, [id, hide]);

  const actions = (dossier: TPersonDossier) => (
    <>
      {dossier.canReveal && (
        <Button icon={<EyeOutlined />} onClick={() => setDialog('reveal')} data-testid="person-reveal">
          {t('person.reveal')}
        </Button>
      )}
      {canEdit && (
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="person-edit">
          {t('person.edit')}
        </Button>
      )}
      {canHandleRights && (
        <Button
          icon={<SafetyCertificateOutlined />}
          onClick={() => setDialog('rights')}
          data-testid="person-rights"
        >
          {t('rights.button')}
        </Button>
      )}
    </>
  );

  return (
    <DossierFrame kind="persons" state={state} title={(d) => d.person.name} extra={actions}>
      {(dossier) => (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <PersonRecord person={dossier.person} revealed={revealed} />
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={16}>
                <PersonLinks dossier={dossier} />
                <PersonTags
                  dossier={dossier}
                  categories={categories}
                  canEdit={canEdit}
                  onChanged={state.replace}
                />
              </Flex>
            </Col>
          </Row>
          <DossierTabs kind="persons" history={dossier.history} categoryName={categories.nameOf} />
          {dialog === 'reveal' && (
            <RevealDialog
              personId={dossier.person.id}
              onClose={close}
              onRevealed={(result) => {
                close();
                revealed.show(result);
              }}
            />
          )}
          {dialog === 'edit' && (
            <PersonEditDialog
              dossier={dossier}
              onClose={close}
              onSaved={(next) => {
                close();
                state.replace(next);
              }}
            />
          )}
          {dialog === 'rights' && (
            <RightsDialog
              dossier={dossier}
              onClose={close}
              onDone={(outcome) => {
                close();
                if (outcome === 'deleted') navigate(listPath('persons'), { replace: true });
                else if (outcome === 'changed') state.reload();
              }}
            />
          )}
        </Flex>
      )}
    </DossierFrame>
  );
}
