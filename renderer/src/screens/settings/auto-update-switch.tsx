import { Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';

/** `app.autoUpdate`: the desktop app downloads updates in the background and installs them on quit. */
export function AutoUpdateSwitch() {
  const { t } = useTranslation();
  const { settings, save } = useSettings();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const on = settings.values['app.autoUpdate'] !== 'false';
  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(await save('app.autoUpdate', next ? 'true' : 'false'));
    setBusy(false);
  };
  return (
    <Stack gap="xs">
      <Switch
        checked={on}
        disabled={busy}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        label={t('settings.autoUpdateLabel')}
        description={t('settings.autoUpdateHint')}
        data-testid="auto-update-switch"
      />
      <ErrorAlert error={error} />
    </Stack>
  );
}
