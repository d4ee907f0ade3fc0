import { Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';

/**
 * Opt-in for scheduled (command-line) syncs: they cannot reach the OS keychain, so the engine keeps a
 * second copy of the secrets under the data folder's key file. Under the fallback that copy is not needed.
 */
export function ScheduledSyncSwitch() {
  const { t } = useTranslation();
  const { settings, save } = useSettings();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  if (settings.secretStorage === 'fallback-file-key') {
    return (
      <Text size="sm" data-testid="scheduled-sync-fallback">
        {t('settings.scheduledFallback')}
      </Text>
    );
  }
  const on = settings.values['sync.allowScheduled'] === 'true';
  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(await save('sync.allowScheduled', next ? 'true' : 'false'));
    setBusy(false);
  };
  return (
    <Stack gap="xs">
      <Switch
        checked={on}
        disabled={busy}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        label={t('settings.scheduledLabel')}
        description={t('settings.scheduledHint')}
        data-testid="scheduled-sync-switch"
      />
      <ErrorAlert error={error} />
    </Stack>
  );
}
