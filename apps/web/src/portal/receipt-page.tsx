// The receipt: the tracking number and the rating password, large, each with a copy button, and a plain
// warning that the password is shown only now. Reached only right after a report (the receipt travels
// in the history entry's state, so a reload of this page still shows it, a fresh visit does not).
import type { TPortalReceipt } from '@civgrid/contracts';
import { Button, Card, NoticeBar, Result, Toast } from 'antd-mobile';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { formatTime } from '../lib/time.ts';
import { usePortalI18n } from './i18n.tsx';

/** Copies text: the Clipboard API where the page may use it (HTTPS, localhost), else a hidden textarea. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function ReceiptPage() {
  const { t } = usePortalI18n();
  const navigate = useNavigate();
  const receipt = (useLocation().state as { receipt?: TPortalReceipt } | null)?.receipt;
  if (!receipt) return <Navigate to="/follow" replace />;

  const copy = async (text: string) => {
    const copied = await copyText(text);
    Toast.show({
      icon: copied ? 'success' : 'fail',
      content: t(copied ? 'portal.receipt.copied' : 'portal.receipt.copyFailed'),
    });
  };
  const codes = [
    { label: t('portal.receipt.trackingNo'), value: receipt.trackingNo, testId: 'receipt-tracking-no' },
    { label: t('portal.receipt.secret'), value: receipt.secret, testId: 'receipt-secret' },
  ];
  return (
    <div data-testid="portal-receipt">
      <Result
        status="success"
        title={t('portal.receipt.title')}
        description={t('portal.receipt.lead', { due: formatTime(receipt.dueAt)?.slice(0, 16) ?? '' })}
      />
      <Card className="portal-card">
        {codes.map((code) => (
          <div className="portal-code-row" key={code.testId}>
            <div>
              <div className="portal-code-label">{code.label}</div>
              <div className="portal-code" data-testid={code.testId}>
                {code.value}
              </div>
            </div>
            <Button size="small" color="primary" fill="outline" onClick={() => copy(code.value)}>
              {t('portal.receipt.copy')}
            </Button>
          </div>
        ))}
        {receipt.photos > 0 && (
          <div className="portal-hint">{t('portal.receipt.photos', { count: receipt.photos })}</div>
        )}
      </Card>
      <NoticeBar className="portal-error" color="alert" wrap content={t('portal.receipt.warning')} />
      <div className="portal-actions">
        <Button
          block
          onClick={() =>
            copy(t('portal.receipt.copyText', { trackingNo: receipt.trackingNo, secret: receipt.secret }))
          }
        >
          {t('portal.receipt.copyBoth')}
        </Button>
        <Button
          block
          color="primary"
          onClick={() => navigate(`/follow/${receipt.trackingNo}`)}
          data-testid="receipt-follow"
        >
          {t('portal.receipt.follow')}
        </Button>
        <Button block fill="none" onClick={() => navigate('/report', { replace: true })}>
          {t('portal.receipt.again')}
        </Button>
      </div>
    </div>
  );
}
