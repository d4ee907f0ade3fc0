import { Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context.js';
import { AccountName } from '../../components/account-name.js';
import { LanguageSwitch } from '../../components/language-switch.js';
import { PageHeader } from '../../components/page-header.js';
import { AudiencePicker } from '../connect/audience-picker.js';
import { ConnectForm } from '../connect/connect-form.js';
import { SmtpForm } from '../smtp/smtp-form.js';
import { DataSettings } from './data-settings.js';
import { ScheduleSettings } from './schedule-settings.js';
import { SyncRules } from './sync-rules.js';

/** Everything from the wizard, plus removal policy, language, data folder and cache. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [audienceKey, setAudienceKey] = useState(0);
  return (
    <Stack>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Tabs defaultValue="mailchimp" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="mailchimp">Mailchimp</Tabs.Tab>
          <Tabs.Tab value="email">{t('settings.tabEmail')}</Tabs.Tab>
          <Tabs.Tab value="sync">{t('settings.tabSync')}</Tabs.Tab>
          <Tabs.Tab value="automatic">{t('unattended.tab')}</Tabs.Tab>
          <Tabs.Tab value="general">{t('settings.tabGeneral')}</Tabs.Tab>
        </Tabs.List>
        <Paper withBorder p="lg" radius="md" mt="md">
          <Tabs.Panel value="mailchimp">
            <Stack gap="xl">
              <div>
                <AccountName fw={600} mb="md" />
                <Title order={3} size="h4" mb="sm">
                  {t('settings.audience')}
                </Title>
                <AudiencePicker key={audienceKey} />
              </div>
              <div>
                <Title order={3} size="h4" mb="sm">
                  {settings.secretsSet['mailchimp.apiKey'] ? t('settings.changeKey') : t('settings.connect')}
                </Title>
                <ConnectForm onConnected={() => setAudienceKey((k) => k + 1)} />
              </div>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="email">
            <SmtpForm />
          </Tabs.Panel>
          <Tabs.Panel value="sync">
            <SyncRules />
          </Tabs.Panel>
          <Tabs.Panel value="automatic">
            <ScheduleSettings />
          </Tabs.Panel>
          <Tabs.Panel value="general">
            <Stack gap="xl">
              <div>
                <Text fw={600} mb={4} id="language-label">
                  {t('settings.language')}
                </Text>
                <LanguageSwitch />
              </div>
              <DataSettings />
            </Stack>
          </Tabs.Panel>
        </Paper>
      </Tabs>
    </Stack>
  );
}
