// 密接排查: who met the index subject — the same device within ±N minutes of one of its sightings —
// over a time range, stated with a purpose: a small graph and the full table.
import type { TContacts, TSubject } from '@civgrid/contracts';
import { Alert, Card, Col, Empty, Flex, Form, Row, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { useFormSubmit } from '../../../components/use-form-submit.ts';
import { useUser } from '../../../session/session-provider.tsx';
import { cleanPurpose, usePurpose } from '../shared/purpose.ts';
import { placeQueryField } from '../shared/query-fields.ts';
import { subjectLabel, toSubject } from '../shared/subject-fields.tsx';
import { rangeToIso } from '../shared/time-range.tsx';
import { ContactsForm, type ContactsValues } from './contacts-form.tsx';
import { ContactsGraph, GRAPH_LIMIT } from './contacts-graph.tsx';
import { ContactsTable } from './contacts-table.tsx';

const GRAPH_HEIGHT = 380;

export function ContactsPage() {
  const t = useT();
  const user = useUser();
  const { purpose, remember } = usePurpose(user);
  const [form] = Form.useForm<ContactsValues>();
  const submit = useFormSubmit(form, placeQueryField);
  const [result, setResult] = useState<{ subject: TSubject; answer: TContacts } | null>(null);

  const run = (values: ContactsValues) =>
    submit.run(async () => {
      const subject = toSubject(values);
      const body = {
        subject,
        ...rangeToIso(values.range),
        windowMinutes: values.windowMinutes,
        purpose: cleanPurpose(values.purpose),
      };
      const answer = await api.post<TContacts>('/api/v1/insight/contacts', body);
      remember(values.purpose);
      setResult({ subject, answer });
    });

  const contacts = result?.answer.contacts ?? [];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={7} xxl={6}>
        <Card title={t('nav.sensing.contacts')} size="small">
          {submit.failure && (
            <Alert type="error" showIcon title={submit.failure} style={{ marginBottom: 16 }} />
          )}
          <ContactsForm form={form} purpose={purpose} submit={submit} onFinish={run} />
        </Card>
      </Col>
      <Col xs={24} xl={17} xxl={18}>
        {!result ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sensing.contacts.hint')} />
          </Card>
        ) : (
          <Flex vertical gap={16}>
            {result.answer.truncated && (
              <Alert type="warning" showIcon title={t('sensing.result.truncated')} />
            )}
            <Card
              size="small"
              title={t('sensing.contacts.resultTitle', {
                subject: subjectLabel(result.subject),
                count: contacts.length,
              })}
              extra={
                contacts.length > GRAPH_LIMIT && (
                  <Typography.Text type="secondary">
                    {t('sensing.contacts.graphLimited', { n: GRAPH_LIMIT })}
                  </Typography.Text>
                )
              }
            >
              {contacts.length > 0 ? (
                <ContactsGraph
                  subject={subjectLabel(result.subject)}
                  contacts={contacts}
                  height={GRAPH_HEIGHT}
                />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('sensing.contacts.empty')}
                  data-testid="contacts-empty"
                />
              )}
            </Card>
            {contacts.length > 0 && (
              <Card size="small" title={t('sensing.contacts.table')}>
                <ContactsTable contacts={contacts} />
              </Card>
            )}
          </Flex>
        )}
      </Col>
    </Row>
  );
}
