// Open a building by its QR label or its code. The camera is read with the browser's BarcodeDetector where
// there is one; a label (`<origin>/l/<token>`) is resolved by the server in the user's jurisdiction (a label
// elsewhere answers like a forged one), a code is looked up in the grid's copy first, then on the server.
import { Button, Card, Form, Input, NoticeBar } from 'antd-mobile';
import { ScanCodeOutline } from 'antd-mobile-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { findBuildingByCode, resolveLabel } from '../field-api.ts';
import { gridStore } from '../grid-store.ts';
import { useFieldI18n } from '../i18n.tsx';
import { describeFieldError } from './shared.tsx';

interface DetectedCode {
  rawValue: string;
}
interface Detector {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

const detectorClass = () => (window as Window & { BarcodeDetector?: DetectorClass }).BarcodeDetector;

/** The label token in a scanned URL (`…/l/<token>`), or null. */
export function labelToken(text: string): string | null {
  const match = /\/l\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(?:[?#/]|$)/.exec(text.trim());
  return match ? match[1]! : null;
}

function Camera({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useFieldI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const found = useRef(onCode);
  found.current = onCode;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let live = true;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!live || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detector = new Detector({ formats: ['qr_code'] });
        timer = setInterval(() => {
          if (!video.current || video.current.readyState < 2) return;
          void detector.detect(video.current).then((codes) => {
            const text = codes[0]?.rawValue;
            if (text && live) {
              live = false;
              found.current(text);
            }
          });
        }, 300);
      } catch {
        setFailure(t('field.scan.cameraFailed'));
      }
    })();
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [t]);

  return (
    <div className="field-camera">
      {failure ? <NoticeBar color="alert" wrap content={failure} /> : <video ref={video} muted playsInline />}
    </div>
  );
}

export function ScanPage() {
  const { t } = useFieldI18n();
  const navigate = useNavigate();
  const [isScanning, setScanning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canScan = detectorClass() !== undefined && 'mediaDevices' in navigator;

  const open = useCallback(
    async (text: string) => {
      setMessage(null);
      setScanning(false);
      const value = text.trim();
      if (!value) return;
      setBusy(true);
      try {
        const token = labelToken(value);
        if (token) {
          const { buildingId } = await resolveLabel(token);
          navigate(`/buildings/${buildingId}`);
          return;
        }
        const code = value.toUpperCase();
        const local = gridStore.getSnapshot().doc?.buildings.find((b) => b.code.toUpperCase() === code);
        if (local) {
          navigate(`/buildings/${local.id}`);
          return;
        }
        const remote = await findBuildingByCode(code);
        if (remote) navigate(`/buildings/${remote.id}`);
        else setMessage(t('field.scan.notFound', { code: value }));
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 400))
          setMessage(t('field.scan.unknownLabel'));
        else if (error instanceof ApiError && error.isNetwork) setMessage(t('field.scan.offline'));
        else setMessage(describeFieldError(error, t));
      } finally {
        setBusy(false);
      }
    },
    [navigate, t],
  );

  return (
    <div data-testid="field-scan">
      {message && <NoticeBar color="alert" wrap content={message} data-testid="field-scan-message" />}
      <Card className="field-card">
        {isScanning ? (
          <>
            <Camera onCode={(text) => void open(text)} />
            <Button block onClick={() => setScanning(false)}>
              {t('field.action.cancel')}
            </Button>
          </>
        ) : (
          <Button block color="primary" size="large" disabled={!canScan} onClick={() => setScanning(true)}>
            <ScanCodeOutline /> {t('field.scan.camera')}
          </Button>
        )}
        {!canScan && <div className="field-muted field-gap">{t('field.scan.noCamera')}</div>}
      </Card>
      <Form
        layout="vertical"
        onFinish={(values: { code?: string }) => void open(values.code ?? '')}
        footer={
          <Button block type="submit" size="large" loading={busy} data-testid="field-code-open">
            {t('field.scan.open')}
          </Button>
        }
      >
        <Form.Item
          name="code"
          label={t('field.scan.code')}
          description={t('field.scan.codeHint')}
          rules={[{ required: true, message: t('field.scan.code.required') }]}
        >
          <Input placeholder="BAa001001" clearable autoComplete="off" data-testid="field-code" />
        </Form.Item>
      </Form>
    </div>
  );
}
