// One button that flips between the two languages; it shows the language you would switch to.
import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../../i18n/i18n-provider.tsx';
import { LANG_NAMES } from '../../i18n/lang.ts';

export function LangSwitch({ light = false }: { light?: boolean }) {
  const { lang, setLang } = useLang();
  const t = useT();
  const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      icon={<TranslationOutlined />}
      aria-label={t('lang.label')}
      title={t('lang.label')}
      style={light ? { color: 'rgba(255,255,255,0.85)' } : undefined}
      onClick={() => setLang(next)}
    >
      {LANG_NAMES[next]}
    </Button>
  );
}
