import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../app/settings-context.js';
import { useLang } from '../i18n/index.js';

/** БГ / EN, stored in the `ui.language` setting so the app and the report emails follow it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  const { save } = useSettings();
  return (
    <SegmentedControl
      aria-label={t('settings.language')}
      size="xs"
      value={lang}
      onChange={(v) => void save('ui.language', v)}
      data={[
        { value: 'bg', label: 'БГ' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
