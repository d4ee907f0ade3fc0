import { Radio, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { RemovalPolicy } from '../../../../shared/domain/sync.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';

const POLICIES: RemovalPolicy[] = ['leave', 'unsubscribe', 'archive'];

/** What happens to clients who stop being eligible, and how the name is split into FNAME/LNAME. */
export function SyncRules() {
  const { t } = useTranslation();
  const { settings, save } = useSettings();
  const [error, setError] = useState<AppError | null>(null);
  const [policy, setPolicy] = useState(settings.values['sync.removalPolicy'] ?? 'leave');
  const [nameMode, setNameMode] = useState(settings.values['sync.nameMode'] ?? 'split');
  // The radio follows the click at once; the saved value is what the next sync uses.
  const store = async (key: 'sync.removalPolicy' | 'sync.nameMode', value: string) => {
    (key === 'sync.removalPolicy' ? setPolicy : setNameMode)(value);
    setError(await save(key, value));
  };
  return (
    <Stack gap="lg">
      <Radio.Group label={t('settings.removalPolicy')} description={t('settings.removalPolicyHint')} value={policy} onChange={(v) => void store('sync.removalPolicy', v)}>
        <Stack gap="sm" mt="sm">
          {POLICIES.map((p) => (
            <Radio key={p} value={p} label={t(`settings.policy.${p}`)} description={t(`settings.policyHint.${p}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group label={t('settings.nameMode')} value={nameMode} onChange={(v) => void store('sync.nameMode', v)}>
        <Stack gap="sm" mt="sm">
          <Radio value="split" label={t('settings.nameSplit')} />
          <Radio value="whole" label={t('settings.nameWhole')} />
        </Stack>
      </Radio.Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}
