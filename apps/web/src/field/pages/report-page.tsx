// Report (采): category, description, photos from the camera (made smaller on the phone), the phone's
// position — a case in the user's grid, source grid worker (or police). It goes to the outbox first, so it
// is kept with or without a network and sent once.
import type { TCaseCategoryTree } from '@civgrid/contracts';
import {
  Button,
  CascadePicker,
  type CascadePickerOption,
  Form,
  ImageUploader,
  type ImageUploadItem,
  Input,
  Switch,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CaseReportBody } from '../field-api.ts';
import { currentFix, type Fix } from '../geo.ts';
import { useGrid } from '../grid-store.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';
import { type CaseReportPayload, outbox } from '../offline/senders.ts';
import { resizePhoto } from '../photo.ts';
import { useUser } from '../session.tsx';

const MAX_PHOTOS = 4;
const TITLE_TEXT = 40;

interface Fields {
  category?: string[];
  description?: string;
  address?: string;
  urgent?: boolean;
}

/** The active categories as the picker's tree (a code's parent is the code before its last dot). */
function categoryOptions(tree: TCaseCategoryTree | undefined, side: 'zh' | 'en'): CascadePickerOption[] {
  const byCode = new Map<string, CascadePickerOption>();
  const roots: CascadePickerOption[] = [];
  for (const c of tree?.categories ?? []) {
    if (!c.isActive) continue;
    const option: CascadePickerOption = { label: c.name[side], value: c.code };
    byCode.set(c.code, option);
    const parentCode = c.code.includes('.') ? c.code.slice(0, c.code.lastIndexOf('.')) : null;
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), option];
    else if (!parentCode) roots.push(option);
  }
  return roots;
}

type Position = { state: 'locating' } | { state: 'fixed'; fix: Fix } | { state: 'none' };

export function ReportPage() {
  const { t, side } = useFieldI18n();
  const user = useUser();
  const grid = useGrid(user);
  const [params] = useSearchParams();
  const [form] = Form.useForm<Fields>();
  const categories = useCached<TCaseCategoryTree>('/api/v1/cases/categories');
  const options = useMemo(() => categoryOptions(categories.data, side), [categories.data, side]);
  const names = useMemo(
    () => new Map((categories.data?.categories ?? []).map((c) => [c.code, c.name.zh])),
    [categories.data],
  );
  const building = grid.doc?.buildings.find((b) => b.id === params.get('building'));
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [position, setPosition] = useState<Position>({ state: 'locating' });
  const [saving, setSaving] = useState(false);
  /** Photos still being made smaller: the report waits for them. */
  const [resizing, setResizing] = useState(0);

  const locate = useCallback(() => {
    setPosition({ state: 'locating' });
    void currentFix().then((fix) => setPosition(fix ? { state: 'fixed', fix } : { state: 'none' }));
  }, []);
  useEffect(locate, [locate]);

  useEffect(() => {
    if (building) form.setFieldValue('address', building.address);
  }, [building, form]);

  // Previews are object URLs: given back when the page goes.
  const shown = useRef(photos);
  shown.current = photos;
  useEffect(
    () => () => {
      for (const p of shown.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  const upload = async (file: File): Promise<ImageUploadItem> => {
    setResizing((n) => n + 1);
    try {
      const blob = await resizePhoto(file);
      return { url: URL.createObjectURL(blob), extra: blob };
    } catch (error) {
      Toast.show({ icon: 'fail', content: t('field.report.photo.unreadable') });
      throw error;
    } finally {
      setResizing((n) => n - 1);
    }
  };

  const submit = async (values: Fields) => {
    const category = values.category?.at(-1);
    const description = values.description?.trim() ?? '';
    if (!category || !description) return;
    setSaving(true);
    try {
      const fix = position.state === 'fixed' ? position.fix : null;
      const point = fix ?? (building ? { lng: building.lng, lat: building.lat } : null);
      const gridCode =
        building?.gridCode ?? (user.scope.level === 'grid' ? user.scope.code : grid.doc?.grids[0]?.code);
      const head = description.replace(/\s+/g, ' ').slice(0, TITLE_TEXT);
      const clientId = crypto.randomUUID();
      const body: CaseReportBody = {
        clientId,
        source: user.role === 'police' ? 'police' : 'grid-worker',
        category,
        priority: values.urgent ? 'urgent' : 'normal',
        title: `${names.get(category) ?? category}：${head}${description.length > TITLE_TEXT ? '…' : ''}`,
        description,
        ...(point ? { location: { lng: point.lng, lat: point.lat } } : {}),
        ...(gridCode ? { gridCode } : {}),
        ...(values.address?.trim() ? { address: values.address.trim() } : {}),
      };
      const payload: CaseReportPayload = { body, photos: photos.map((p) => p.extra as Blob) };
      await outbox.add('case-report', payload, { id: clientId });
      Toast.show({
        icon: 'success',
        content: navigator.onLine ? t('field.report.sent') : t('field.report.queued'),
      });
      form.resetFields();
      for (const p of photos) URL.revokeObjectURL(p.url);
      setPhotos([]);
    } catch {
      Toast.show({ icon: 'fail', content: t('field.report.saveFailed') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="field-report">
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ urgent: false }}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={saving || resizing > 0}
            data-testid="field-report-submit"
          >
            {t('field.report.submit')}
          </Button>
        }
      >
        <Form.Item
          name="category"
          label={t('field.report.category')}
          trigger="onConfirm"
          rules={[{ required: true, message: t('field.report.category.required') }]}
          onClick={(_event, picker) => (picker.current as { open?: () => void } | null)?.open?.()}
        >
          <CascadePicker options={options} title={t('field.report.category')}>
            {(items) =>
              items.length > 0 && items.every(Boolean) ? (
                <span data-testid="field-report-category">
                  {items.map((item) => item?.label).join(' / ')}
                </span>
              ) : (
                <span className="field-placeholder" data-testid="field-report-category">
                  {categories.data
                    ? t('field.report.category.placeholder')
                    : t('field.report.category.loading')}
                </span>
              )
            }
          </CascadePicker>
        </Form.Item>
        <Form.Item
          name="description"
          label={t('field.report.description')}
          rules={[{ required: true, whitespace: true, message: t('field.report.description.required') }]}
        >
          <TextArea
            placeholder={t('field.report.description.placeholder')}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            data-testid="field-report-description"
          />
        </Form.Item>
        <Form.Item label={t('field.report.photos')} description={t('field.report.photos.hint')}>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            accept="image/*"
            capture="environment"
            maxCount={MAX_PHOTOS}
            upload={upload}
            onDelete={(item) => URL.revokeObjectURL(item.url)}
            data-testid="field-report-photos"
          />
        </Form.Item>
        <Form.Item label={t('field.report.position')}>
          <div className="field-position" data-testid="field-report-position">
            <span>
              {position.state === 'locating'
                ? t('field.report.position.locating')
                : position.state === 'fixed'
                  ? t('field.report.position.fixed', {
                      lat: position.fix.lat.toFixed(5),
                      lng: position.fix.lng.toFixed(5),
                      accuracy: position.fix.accuracy,
                    })
                  : building
                    ? t('field.report.position.building')
                    : t('field.report.position.none')}
            </span>
            <Button size="mini" onClick={locate} disabled={position.state === 'locating'}>
              {t('field.report.position.again')}
            </Button>
          </div>
        </Form.Item>
        <Form.Item name="address" label={t('field.report.address')}>
          <Input placeholder={t('field.report.address.placeholder')} maxLength={300} clearable />
        </Form.Item>
        <Form.Item
          name="urgent"
          label={t('field.report.urgent')}
          layout="horizontal"
          childElementPosition="right"
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </div>
  );
}
