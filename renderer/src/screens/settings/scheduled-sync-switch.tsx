import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context.js';
import { SettingSwitch } from './setting-switch.js';

/**
 * Opt-in for plain-Node CLI syncs: they cannot reach the OS keychain, so the engine keeps a second copy of
 * the secrets under the data folder's key file. Under the fallback that copy is not needed.
 */
export function ScheduledSyncSwitch() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  if (settings.secretStorage === 'fallback-file-key') {
    return (
      <Text size="sm" data-testid="scheduled-sync-fallback">
        {t('settings.scheduledFallback')}
      </Text>
    );
  }
  return (
    <SettingSwitch
      setting="sync.allowScheduled"
      on={(v) => v === 'true'}
      label={t('settings.scheduledLabel')}
      description={t('settings.scheduledHint')}
      testId="scheduled-sync-switch"
    />
  );
}
