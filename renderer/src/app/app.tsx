import { Center, MantineProvider, Stack, Text } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createQueryClient } from '../api/query-client.js';
import { listenForPreviewEvents } from '../api/preview-events.js';
import { listenForRunEvents } from '../api/run-events.js';
import { ErrorAlert } from '../components/error-alert.js';
import { Shell } from './shell.js';
import { SettingsProvider } from './settings-context.js';
import { cssVariablesResolver, theme } from './theme.js';
import { Busy } from '../components/busy.js';

/**
 * The root: the query cache (runs and the preview kept current by main's pushed events, subscribed here
 * once for the whole app), theme, notifications and settings around the shell.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    const offs = [listenForRunEvents(queryClient), listenForPreviewEvents(queryClient)];
    return () => offs.forEach((off) => off());
  }, [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        <Notifications position="top-right" />
        <SettingsProvider fallback={(error) => <Starting error={error} />}>
          <Shell />
        </SettingsProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}

function Starting({ error }: { error: Parameters<typeof ErrorAlert>[0]['error'] }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      {error ? (
        <Stack maw={520}>
          <ErrorAlert error={error} />
        </Stack>
      ) : (
        <Stack align="center">
          <Busy />
          <Text>{t('common.loading')}</Text>
        </Stack>
      )}
    </Center>
  );
}
