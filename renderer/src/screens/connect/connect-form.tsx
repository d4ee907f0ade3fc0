import { Accordion, Alert, Anchor, Button, Divider, Group, List, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingKey } from '../../../../shared/domain/settings.js';
import type { ResponseOf } from '../../../../shared/ipc-contract.js';
import { useAction } from '../../api/use-call.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';

export type Connected = { accountName: string; audiences: ResponseOf<'mailchimp:audiences'>; listId?: string };

const API_KEYS_URL = 'https://admin.mailchimp.com/account/api/';

/**
 * Paste the API key → checked against Mailchimp at once, the account name shown; or the built-in demo
 * Mailchimp for people who want to look around first.
 */
export function ConnectForm({ onConnected }: { onConnected?: (c: Connected) => void }) {
  const { t } = useTranslation();
  const { settings, saveMany } = useSettings();
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(settings.values['mailchimp.baseUrl'] ?? '');
  const [connected, setConnected] = useState<Connected | null>(null);
  const connect = useAction();
  const demo = useAction();
  const keySaved = settings.secretsSet['mailchimp.apiKey'] === true;

  const finish = async (c: Connected, entries: Array<[SettingKey, string]>) => {
    const err = await saveMany(entries);
    if (err) {
      connect.setError(err);
      return;
    }
    setConnected(c);
    onConnected?.(c);
  };

  const onConnect = async () => {
    const res = await connect.run('mailchimp:connect', { apiKey: apiKey.trim(), ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) });
    if (res)
      await finish(res, [
        ['mailchimp.baseUrl', baseUrl.trim()],
        ['mailchimp.apiKey', apiKey.trim()],
      ]);
  };

  const onDemo = async () => {
    const res = await demo.run('mailchimp:demo', {});
    if (res) await finish({ accountName: res.accountName, audiences: res.audiences, listId: res.listId }, [['mailchimp.listId', res.listId]]);
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md" bg="gray.0">
        <Text fw={600} mb={6}>
          {t('connect.guideTitle')}
        </Text>
        <List type="ordered" size="sm" spacing={4}>
          <List.Item>{t('connect.guide1')}</List.Item>
          <List.Item>{t('connect.guide2')}</List.Item>
          <List.Item>{t('connect.guide3')}</List.Item>
          <List.Item>{t('connect.guide4')}</List.Item>
        </List>
        <Anchor href={API_KEYS_URL} target="_blank" rel="noreferrer" size="sm" mt={8} display="inline-block">
          {t('connect.openKeysPage')}
        </Anchor>
      </Paper>

      {keySaved && !connected && (
        <Alert color="indigo" variant="light">
          {t('connect.keySaved')}
        </Alert>
      )}

      <PasswordInput
        label={t('connect.apiKey')}
        description={t('connect.apiKeyHint')}
        placeholder="0123456789abcdef0123456789abcdef-us21"
        value={apiKey}
        onChange={(e) => setApiKey(e.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <Accordion variant="contained" chevronPosition="left">
        <Accordion.Item value="advanced">
          <Accordion.Control>{t('connect.advanced')}</Accordion.Control>
          <Accordion.Panel>
            <TextInput
              label={t('connect.baseUrl')}
              description={t('connect.baseUrlHint')}
              placeholder="https://us21.api.mailchimp.com/3.0"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.currentTarget.value)}
            />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Group>
        <Button onClick={() => void onConnect()} loading={connect.busy} disabled={!apiKey.trim() || demo.busy}>
          {t('connect.check')}
        </Button>
      </Group>
      <ErrorAlert error={connect.error} />

      {connected && (
        <Alert color="green" variant="light" title={t('connect.connectedTitle')} data-testid="connected">
          {t('connect.connectedBody', { account: connected.accountName, count: connected.audiences.length })}
        </Alert>
      )}

      <Divider label={t('common.or')} labelPosition="center" />
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Text fw={600}>{t('connect.demoTitle')}</Text>
            <Text size="sm" c="dimmed">
              {t('connect.demoHint')}
            </Text>
          </div>
          <Button variant="default" onClick={() => void onDemo()} loading={demo.busy} disabled={connect.busy}>
            {t('connect.demoButton')}
          </Button>
        </Group>
        <ErrorAlert error={demo.error} />
      </Paper>
    </Stack>
  );
}
