import { useTranslation } from 'react-i18next';
import { SettingSwitch } from './setting-switch.js';

/** `app.autoUpdate`: the desktop app downloads updates in the background and installs them on quit. */
export function AutoUpdateSwitch() {
  const { t } = useTranslation();
  return (
    <SettingSwitch
      setting="app.autoUpdate"
      on={(v) => v !== 'false'}
      label={t('settings.autoUpdateLabel')}
      description={t('settings.autoUpdateHint')}
      testId="auto-update-switch"
    />
  );
}
