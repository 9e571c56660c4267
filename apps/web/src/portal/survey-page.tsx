// The satisfaction survey: a resident rates their grid's service 1–5. The grid is picked on the map (the
// grid the tapped point falls in) or from the list; the mobile number makes one answer per phone, grid and
// month (answering again replaces it) and is kept by the server only as a keyed hash.
import { isMobileNumber, polygonContains } from '@civgrid/domain';
import { Button, Form, Input, NoticeBar, Picker, Rate, Result, TextArea } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { api } from '../lib/api.ts';
import { describePortalError } from './api.ts';
import { usePortalI18n } from './i18n.tsx';
import { LocationPicker, type Point } from './location-picker.tsx';
import { usePortalConfig } from './portal-config.ts';

interface Fields {
  rating?: number;
  comment?: string;
  phone?: string;
}

interface SurveyReceipt {
  grid: { name: string };
  month: string;
  rating: number;
  isReplacement: boolean;
}

const STAR_KEYS = [
  'portal.rate.star.1',
  'portal.rate.star.2',
  'portal.rate.star.3',
  'portal.rate.star.4',
  'portal.rate.star.5',
] as const;

type Outline = Parameters<typeof polygonContains>[0];

/** A point inside a grid chosen from the list (the server places the answer by it): the outline's box
 *  searched on a 16 × 16 lattice, its centre first. */
function pointInside(outline: Outline): Point | null {
  const ring = outline.coordinates[0] ?? [];
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const candidates: Point[] = [{ lng: (w + e) / 2, lat: (s + n) / 2 }];
  for (let i = 1; i < 16; i++)
    for (let j = 1; j < 16; j++)
      candidates.push({ lng: w + ((e - w) * i) / 16, lat: s + ((n - s) * j) / 16 });
  return candidates.find((p) => polygonContains(outline, [p.lng, p.lat])) ?? null;
}

export function SurveyPage() {
  const { t } = usePortalI18n();
  const { area } = usePortalConfig();
  const [form] = Form.useForm<Fields>();
  const rating = Form.useWatch('rating', form) as number | undefined;
  const [point, setPoint] = useState<Point | null>(null);
  // the grid as an index into the area's features: the portal never sees grid codes
  const [gridIndex, setGridIndex] = useState<number | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<SurveyReceipt | null>(null);

  const features = area?.grids.features ?? [];
  const list = useMemo(
    () =>
      (area?.grids.features ?? [])
        .map((f, index) => ({ label: f.properties.name, value: String(index) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [area],
  );
  const grid = gridIndex === null ? null : (features[gridIndex] ?? null);

  const pick = (next: Point | null) => {
    setPoint(next);
    if (!next) return;
    const hit = features.findIndex((f) => polygonContains(f.geometry, [next.lng, next.lat]));
    setGridIndex(hit >= 0 ? hit : null);
  };

  const submit = async (values: Fields) => {
    setFailure(null);
    const location = point ?? (grid ? pointInside(grid.geometry) : null);
    if (!grid || !location) {
      setFailure(t('portal.survey.grid.required'));
      return;
    }
    setSending(true);
    try {
      setReceipt(
        await api.post<SurveyReceipt>('/api/v1/portal/survey', {
          location,
          phone: values.phone?.trim() ?? '',
          rating: values.rating ?? 0,
          ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
        }),
      );
    } catch (error) {
      setFailure(describePortalError(error, t));
    } finally {
      setSending(false);
    }
  };

  if (receipt)
    return (
      <Result
        status="success"
        title={t('portal.survey.done')}
        description={t(receipt.isReplacement ? 'portal.survey.replaced' : 'portal.survey.recorded', {
          grid: receipt.grid.name,
          month: receipt.month,
        })}
        data-testid="portal-survey-done"
      />
    );

  return (
    <div data-testid="portal-survey-page">
      <div className="portal-intro">{t('portal.survey.intro')}</div>
      {failure && (
        <NoticeBar
          className="portal-error"
          color="error"
          wrap
          content={failure}
          data-testid="portal-survey-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={sending}
            data-testid="portal-survey-submit"
          >
            {t('portal.survey.submit')}
          </Button>
        }
      >
        <Form.Item
          label={t('portal.survey.grid')}
          description={
            grid
              ? t('portal.survey.grid.picked', { grid: grid.properties.name })
              : t('portal.survey.grid.hint')
          }
        >
          <LocationPicker value={point} onChange={pick} />
          <Button
            size="small"
            style={{ marginTop: 8 }}
            onClick={() => setListOpen(true)}
            data-testid="portal-survey-list"
          >
            {t('portal.survey.grid.list')}
          </Button>
          <Picker
            columns={[list]}
            visible={listOpen}
            value={gridIndex === null ? [] : [String(gridIndex)]}
            onClose={() => setListOpen(false)}
            onConfirm={(value) => {
              setPoint(null);
              setGridIndex(value[0] === undefined || value[0] === null ? null : Number(value[0]));
            }}
          />
        </Form.Item>
        <Form.Item
          name="rating"
          label={t('portal.survey.stars')}
          rules={[{ required: true, message: t('portal.rate.stars.required') }]}
          description={rating ? t(STAR_KEYS[rating - 1]!) : undefined}
        >
          <Rate allowClear={false} style={{ '--star-size': '32px' }} />
        </Form.Item>
        <Form.Item name="comment" label={t('portal.rate.comment')}>
          <TextArea
            placeholder={t('portal.rate.comment.placeholder')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            showCount
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('portal.survey.phone')}
          help={t('portal.survey.phone.help')}
          rules={[
            { required: true, message: t('portal.survey.phone.required') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && !isMobileNumber(value)) throw new Error(t('portal.survey.phone.invalid'));
              },
            },
          ]}
        >
          <Input type="tel" inputMode="tel" maxLength={20} clearable data-testid="portal-survey-phone" />
        </Form.Item>
      </Form>
    </div>
  );
}
