// Report a problem: category, description, up to four photos with preview, a point on the map (or the
// phone's position), an address, and optionally a name and a mainland mobile number. Photos travel with
// the report in one request; the server checks them again and strips their metadata.
import type { TPortalCategories, TResidentReport } from '@civgrid/contracts';
import { isMobileNumber } from '@civgrid/domain';
import {
  Button,
  CascadePicker,
  type CascadePickerOption,
  Form,
  ImageUploader,
  type ImageUploadItem,
  Input,
  NoticeBar,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiGet } from '../lib/use-api-get.ts';
import { describePortalError, submitReport } from './api.ts';
import { usePortalI18n } from './i18n.tsx';
import { LocationPicker, type Point } from './location-picker.tsx';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTOS = 4;
const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

interface Fields {
  category?: string[];
  description?: string;
  address?: string;
  name?: string;
  phone?: string;
}

/** The flat category list (parents first) as the picker's tree, in the current language. */
function categoryOptions(list: TPortalCategories['categories'], side: 'zh' | 'en'): CascadePickerOption[] {
  const byCode = new Map<string, CascadePickerOption>();
  const roots: CascadePickerOption[] = [];
  for (const c of list) {
    const option: CascadePickerOption = { label: c.name[side], value: c.code };
    byCode.set(c.code, option);
    const parent = c.parent ? byCode.get(c.parent) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), option];
    else roots.push(option);
  }
  return roots;
}

export function ReportPage() {
  const { t, side } = usePortalI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const categories = useApiGet<TPortalCategories>('/api/v1/portal/categories');
  const options = useMemo(
    () => categoryOptions(categories.data?.categories ?? [], side),
    [categories.data, side],
  );
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [point, setPoint] = useState<Point | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Previews are object URLs of the chosen files: given back when a photo is removed or the page goes.
  const shown = useRef(photos);
  useEffect(() => {
    shown.current = photos;
  }, [photos]);
  useEffect(
    () => () => {
      for (const p of shown.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  const checkPhoto = (file: File): File | null => {
    if (!PHOTO_TYPES.includes(file.type)) {
      Toast.show({ icon: 'fail', content: t('portal.report.photos.type') });
      return null;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      Toast.show({ icon: 'fail', content: t('portal.report.photos.size') });
      return null;
    }
    return file;
  };

  const submit = async (values: Fields) => {
    setFailure(null);
    setSubmitting(true);
    const report: TResidentReport = {
      category: values.category?.at(-1) ?? 'other',
      description: values.description?.trim() ?? '',
      ...(point ? { location: point } : {}),
      ...(values.address?.trim() ? { address: values.address.trim() } : {}),
      ...(values.name?.trim() || values.phone?.trim()
        ? {
            reporter: {
              ...(values.name?.trim() ? { name: values.name.trim() } : {}),
              ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
            },
          }
        : {}),
    };
    try {
      const receipt = await submitReport(
        report,
        photos.map((p) => p.extra as File),
      );
      navigate('/receipt', { state: { receipt } });
    } catch (error) {
      setFailure(describePortalError(error, t));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div data-testid="portal-report">
      <div className="portal-intro">{t('portal.report.intro')}</div>
      {failure && (
        <NoticeBar
          className="portal-error"
          color="error"
          wrap
          content={`${t('portal.report.failed')}：${failure}`}
          data-testid="portal-report-error"
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
            loading={submitting}
            loadingText={t('portal.report.submitting')}
            data-testid="portal-submit"
          >
            {t('portal.report.submit')}
          </Button>
        }
      >
        <Form.Item
          name="category"
          label={t('portal.report.category')}
          trigger="onConfirm"
          rules={[{ required: true, message: t('portal.report.category.required') }]}
          onClick={(_event, picker) => (picker.current as { open?: () => void } | null)?.open?.()}
        >
          <CascadePicker options={options} title={t('portal.report.category.title')}>
            {(items) =>
              items.length > 0 && items.every(Boolean) ? (
                <span data-testid="portal-category">{items.map((item) => item?.label).join(' / ')}</span>
              ) : (
                <span style={{ color: '#bbb' }} data-testid="portal-category">
                  {t('portal.report.category.placeholder')}
                </span>
              )
            }
          </CascadePicker>
        </Form.Item>
        <Form.Item
          name="description"
          label={t('portal.report.description')}
          rules={[{ required: true, whitespace: true, message: t('portal.report.description.required') }]}
        >
          <TextArea
            placeholder={t('portal.report.description.placeholder')}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            data-testid="portal-description"
          />
        </Form.Item>
        <Form.Item label={t('portal.report.photos')} description={t('portal.report.photos.hint')}>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            accept={PHOTO_TYPES.join(',')}
            multiple
            maxCount={MAX_PHOTOS}
            onCountExceed={() => Toast.show({ content: t('portal.report.photos.count') })}
            beforeUpload={checkPhoto}
            upload={async (file) => ({ url: URL.createObjectURL(file), extra: file })}
            onDelete={(item) => URL.revokeObjectURL(item.url)}
            data-testid="portal-photos"
          />
        </Form.Item>
        <Form.Item label={t('portal.report.location')}>
          <LocationPicker value={point} onChange={setPoint} hint={t('portal.report.location.hint')} />
        </Form.Item>
        <Form.Item name="address" label={t('portal.report.address')}>
          <Input placeholder={t('portal.report.address.placeholder')} maxLength={300} clearable />
        </Form.Item>
        <Form.Header>{t('portal.report.contact')}</Form.Header>
        <Form.Item name="name" label={t('portal.report.name')}>
          <Input placeholder={t('portal.report.name.placeholder')} maxLength={50} clearable />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('portal.report.phone')}
          description={t('portal.report.contact.hint')}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                if (value?.trim() && !isMobileNumber(value))
                  throw new Error(t('portal.report.phone.invalid'));
              },
            },
          ]}
        >
          <Input
            type="tel"
            inputMode="tel"
            placeholder={t('portal.report.phone.placeholder')}
            maxLength={20}
            clearable
            data-testid="portal-phone"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
