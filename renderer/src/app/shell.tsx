import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useCallback, useEffect, type ReactNode } from 'react';
import { useMenuOpenFile } from '../api/open-file.js';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch.js';
import { FieldsScreen } from '../screens/fields/fields-screen.js';
import { GroupsScreen } from '../screens/groups/groups-screen.js';
import { HomeScreen } from '../screens/home/home-screen.js';
import { ImportScreen } from '../screens/import/import-screen.js';
import { PreviewScreen } from '../screens/preview/preview-screen.js';
import { ReportsScreen } from '../screens/reports/reports-screen.js';
import { SettingsScreen } from '../screens/settings/settings-screen.js';
import { SyncScreen } from '../screens/sync/sync-screen.js';
import { WizardScreen } from '../screens/wizard/wizard-screen.js';
import { navigate, useRoute, type Route, type Screen } from './router.js';
import { useSettings } from './settings-context.js';

const NAV: Array<Exclude<Screen, 'wizard'>> = ['home', 'import', 'groups', 'fields', 'preview', 'sync', 'reports', 'settings'];

/** Header, navigation and the current screen. The wizard runs without the side navigation. */
export function Shell() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const route = useRoute();
  const wizardDone = settings.values['ui.wizardStep'] === 'done';

  useEffect(() => {
    if (!route) navigate(wizardDone ? 'home' : 'wizard');
  }, [route, wizardDone]);

  const current: Route = route ?? { screen: wizardDone ? 'home' : 'wizard', param: null };
  const inWizard = current.screen === 'wizard';
  useMenuOpenFile(useCallback(() => navigate('import'), []));

  useEffect(() => {
    document.title = `${t(`nav.${current.screen}`)} · Barsy → Mailchimp`;
  }, [current.screen, t]);

  return (
    <AppShell header={{ height: 60 }} navbar={inWizard ? undefined : { width: 230, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between">
          <Group gap="sm">
            <Logo />
            <div>
              <Title order={1} size="h4">
                Barsy → Mailchimp
              </Title>
              <Text size="xs" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      {!inWizard && (
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          {NAV.map((screen) => (
              <NavLink
                key={screen}
                href={`#/${screen}`}
                label={t(`nav.${screen}`)}
                active={current.screen === screen}
                aria-current={current.screen === screen ? 'page' : undefined}
                variant="filled"
                mb={4}
              />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        {renderScreen(current)}
      </AppShell.Main>
    </AppShell>
  );
}

function renderScreen(route: Route): ReactNode {
  switch (route.screen) {
    case 'home':
      return <HomeScreen />;
    case 'import':
      return <ImportScreen />;
    case 'groups':
      return <GroupsScreen />;
    case 'fields':
      return <FieldsScreen />;
    case 'preview':
      return <PreviewScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'reports':
      return <ReportsScreen runId={route.param ? Number(route.param) : null} />;
    case 'settings':
      return <SettingsScreen />;
    case 'wizard':
      return <WizardScreen step={route.param} />;
  }
}

function Logo() {
  return (
    <svg width="34" height="34" viewBox="0 0 34 34" aria-hidden="true">
      <rect width="34" height="34" rx="8" fill="#364fc7" />
      <path d="M9 12h10m-4-4 4 4-4 4M25 22H15m4-4-4 4 4 4" stroke="#fff" strokeWidth="2.4" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
