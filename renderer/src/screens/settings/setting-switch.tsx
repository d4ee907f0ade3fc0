import { Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { SettingKey } from '../../../../shared/domain/settings.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';

type Props = { setting: SettingKey; on: (value: string | undefined) => boolean; label: string; description: string; testId: string };

/** A yes/no setting as a switch: saved at once (`'true'`/`'false'`), disabled while saving, errors below it. */
export function SettingSwitch({ setting, on, label, description, testId }: Props) {
  const { settings, save } = useSettings();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(await save(setting, next ? 'true' : 'false'));
    setBusy(false);
  };
  return (
    <Stack gap="xs">
      <Switch
        checked={on(settings.values[setting])}
        disabled={busy}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        label={label}
        description={description}
        data-testid={testId}
      />
      <ErrorAlert error={error} />
    </Stack>
  );
}
