import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { notify } from '../../components/notify.js';
import { AutoUpdateSwitch } from './auto-update-switch.js';
import { ScheduledSyncSwitch } from './scheduled-sync-switch.js';

/** Where the data lives, how secrets are kept, clearing the cache and running the set-up again. */
export function DataSettings() {
  const { t } = useTranslation();
  const { info, settings, reload } = useSettings();
  const [confirming, setConfirming] = useState(false);
  const clear = useAction();

  const clearCache = async () => {
    const res = await clear.run('cache:clear', {});
    if (res) {
      setConfirming(false);
      notify('green', t('settings.cacheCleared'));
      await reload();
    }
  };

  return (
    <Stack gap="md">
      <div>
        <Text fw={600}>{t('settings.dataFolder')}</Text>
        <Text size="sm" c="dimmed" mb={4}>
          {t('settings.dataFolderHint')}
        </Text>
        <Group gap="sm">
          <Code data-testid="data-dir">{info?.dataDir ?? '—'}</Code>
          {info && (
            <CopyButton value={info.dataDir}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
      </div>
      {settings.secretStorage === 'fallback-file-key' ? (
        <Alert color="yellow" variant="light" title={t('settings.secretsFallbackTitle')}>
          {t('settings.secretsFallback')}
        </Alert>
      ) : (
        <Alert color="green" variant="light">
          {t('settings.secretsKeychain')}
        </Alert>
      )}
      <ScheduledSyncSwitch />
      <AutoUpdateSwitch />
      <div>
        <Text fw={600}>{t('settings.cache')}</Text>
        <Text size="sm" c="dimmed" mb={6}>
          {t('settings.cacheHint')}
        </Text>
        <Button color="red" variant="outline" c="red" onClick={() => setConfirming(true)}>
          {t('settings.clearCache')}
        </Button>
      </div>
      <div>
        <Text fw={600}>{t('settings.wizard')}</Text>
        <Text size="sm" c="dimmed" mb={6}>
          {t('settings.wizardHint')}
        </Text>
        <Button variant="default" onClick={() => navigate('wizard', 'mailchimp')}>
          {t('settings.runWizard')}
        </Button>
      </div>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('settings.clearCacheConfirmTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('settings.clearCacheConfirm')}</Text>
          <ErrorAlert error={clear.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" onClick={() => void clearCache()} loading={clear.busy}>
              {t('settings.clearCache')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
