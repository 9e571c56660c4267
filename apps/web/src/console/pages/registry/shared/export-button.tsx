// Export the list as the viewer sees it (same filters, same masking) to Excel. The file is fetched
// rather than linked, so a refusal or an expired session shows as a message instead of a JSON page.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api, query } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { saveBlob } from '../../../../lib/save-file.ts';
import { hasPermission } from '../../../nav.ts';
import { useUser } from '../../../session/session-provider.tsx';
import { type RegisterKind, registerApi } from './registers.ts';

interface Props {
  kind: RegisterKind;
  filters: Record<string, string | undefined>;
}

export function ExportButton({ kind, filters }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const user = useUser();
  const [busy, setBusy] = useState(false);
  if (!hasPermission(user, 'registry.export')) return null;

  const exportList = async () => {
    setBusy(true);
    try {
      const file = await api.download(`${registerApi(kind)}/export.xlsx${query(filters)}`);
      saveBlob(file.blob, file.fileName ?? `${kind}-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`);
      message.success(t('registry.exportDone'));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={exportList} data-testid="registry-export">
      {t('registry.export')}
    </Button>
  );
}
