import { Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';

/** A masked identity or phone number, shown exactly as the server gave it, in fixed-width digits. */
export function MaskedText({ value }: { value: string | null | undefined }) {
  const t = useT();
  if (!value) return <>{t('common.none')}</>;
  return (
    <Typography.Text
      style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' }}
    >
      {value}
    </Typography.Text>
  );
}
