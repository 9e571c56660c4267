// 预警阈值 (admins): one rule's thresholds in force (for the rule, or one attention category), edited field
// by field, tried out with a dry run ("with these settings the model would raise N alerts", which writes
// nothing) and then saved after a confirmation.
import { ALERT_SEVERITIES, DISPATCH_TARGETS, MODEL_RULES } from '@civgrid/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { useLocalised } from './alert-tags.tsx';
import { useNamed } from './evidence-card.tsx';
import type { TDryRunResult, TRuleSettingsList } from './types.ts';

type Settings = Record<string, unknown>;

/** An input for one setting, by what its value is. */
function SettingInput({
  name,
  value,
  onChange,
}: {
  name: string;
  value: unknown;
  onChange: (value: unknown) => void;
}): ReactNode {
  const testId = `rule-setting-${name}`;
  if (name === 'severity' || name === 'dispatchTo') {
    const options = name === 'severity' ? ALERT_SEVERITIES : DISPATCH_TARGETS;
    return (
      <Select
        style={{ width: 160 }}
        value={value as string}
        onChange={onChange}
        options={options.map((option) => ({ value: option, label: option }))}
        data-testid={testId}
      />
    );
  }
  if (typeof value === 'boolean') return <Switch checked={value} onChange={onChange} data-testid={testId} />;
  if (typeof value === 'number') {
    return (
      <InputNumber min={0} value={value} onChange={(next) => onChange(next ?? 0)} data-testid={testId} />
    );
  }
  if (Array.isArray(value)) {
    return (
      <Select
        mode="tags"
        style={{ minWidth: 240 }}
        value={value as string[]}
        onChange={onChange}
        data-testid={testId}
      />
    );
  }
  return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
}

export function RuleSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const localised = useLocalised();
  const keyName = useNamed('alerts.key.');
  const list = useApiGet<TRuleSettingsList>('/api/v1/admin/alert-rules');
  const [ruleName, setRuleName] = useState<string>(MODEL_RULES[0]);
  const [category, setCategory] = useState('');
  const [draft, setDraft] = useState<Settings>({});
  const [dryRun, setDryRun] = useState<TDryRunResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const rule = list.data?.rules.find((r) => r.rule === ruleName);
  const categoryKey = rule?.isCategoryScoped && category.trim() ? category.trim() : null;
  const stored = rule?.overrides.find((o) => o.category === categoryKey)?.settings ?? {};
  const inForce: Settings = { ...(rule?.settings ?? {}), ...stored, ...draft };
  const isModelRule = (MODEL_RULES as readonly string[]).includes(ruleName);

  const choose = (next: string) => {
    setRuleName(next);
    setCategory('');
    setDraft({});
    setDryRun(null);
    setFailure(null);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      await api.put(`/api/v1/admin/alert-rules/${ruleName}`, {
        category: categoryKey,
        settings: { ...stored, ...draft },
      });
      setDraft({});
      list.reload();
      message.success(t('alerts.rules.saved'));
    });
  const tryOut = () =>
    run(async () => {
      setDryRun(
        await api.post<TDryRunResult>('/api/v1/admin/models/dry-run', {
          rule: ruleName,
          settings: { ...stored, ...draft },
          category: categoryKey,
        }),
      );
    });
  return (
    <Card title={t('alerts.rules.title')}>
      <Typography.Paragraph type="secondary">{t('alerts.rules.intro')}</Typography.Paragraph>
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(list.error, t)} />}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<string>
          style={{ width: 260 }}
          value={ruleName}
          onChange={choose}
          loading={list.loading}
          options={(list.data?.rules ?? []).map((r) => ({ value: r.rule, label: localised(r.label) }))}
          data-testid="rule-select"
        />
        {rule?.isCategoryScoped && (
          <Input
            allowClear
            style={{ width: 240 }}
            placeholder={t('alerts.rules.category')}
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              setDraft({});
              setDryRun(null);
            }}
            data-testid="rule-category"
          />
        )}
      </Flex>
      {rule && (
        <Descriptions
          bordered
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={Object.entries(inForce).map(([name, value]) => ({
            key: name,
            label: keyName(name),
            children: (
              <Flex gap={12} align="center">
                <SettingInput
                  name={name}
                  value={value}
                  onChange={(next) => setDraft((current) => ({ ...current, [name]: next }))}
                />
                <Typography.Text type="secondary">
                  {t('alerts.rules.default', { value: JSON.stringify(rule.defaults[name]) })}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {dryRun && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('alerts.rules.dryRunResult', {
            candidates: dryRun.candidates,
            wouldRaise: dryRun.wouldRaise,
          })}
          description={
            dryRun.sample.length > 0 && (
              <List
                size="small"
                dataSource={dryRun.sample}
                renderItem={(item) => <List.Item>{localised(item.summary)}</List.Item>}
              />
            )
          }
          data-testid="rule-dry-run-result"
        />
      )}
      <Flex gap={8}>
        <Button
          type="primary"
          disabled={!isModelRule}
          loading={isBusy}
          onClick={tryOut}
          data-testid="rule-dry-run"
        >
          {t('alerts.rules.dryRun')}
        </Button>
        <Popconfirm title={t('alerts.rules.saveConfirm')} onConfirm={save} disabled={!rule}>
          <Button disabled={!rule || Object.keys(draft).length === 0} data-testid="rule-save">
            {t('alerts.rules.save')}
          </Button>
        </Popconfirm>
      </Flex>
    </Card>
  );
}
