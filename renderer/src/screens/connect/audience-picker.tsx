import { Alert, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import { useCall } from '../../api/use-call.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { Busy } from '../../components/busy.js';

/** The owner's audiences by name (Barsy made them copy the list ID out of Mailchimp's settings). */
export function AudiencePicker({ onChosen }: { onChosen?: (listId: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { settings, save } = useSettings();
  const audiences = useCall('mailchimp:audiences', {});
  // Shown at once (a radio must follow the click); saved in the background, undone if saving fails.
  const [current, setCurrent] = useState(settings.values['mailchimp.listId'] ?? '');
  const [error, setError] = useState<AppError | null>(null);

  if (audiences.loading && !audiences.data) return <Busy size="sm" />;
  if (audiences.error) return <ErrorAlert error={audiences.error} />;
  const list = audiences.data ?? [];
  if (list.length === 0) return <Alert color="yellow">{t('audience.none')}</Alert>;

  return (
    <Radio.Group
      label={t('audience.label')}
      description={t('audience.hint')}
      value={current}
      onChange={async (id) => {
        const before = current;
        setCurrent(id);
        const err = await save('mailchimp.listId', id);
        setError(err);
        if (err) setCurrent(before);
        else onChosen?.(id);
      }}
    >
      <Stack gap="xs" mt="sm">
        {list.map((a) => (
          <Paper key={a.id} withBorder p="sm" radius="md" bg={a.id === current ? 'indigo.0' : undefined}>
            <Group justify="space-between">
              <Radio value={a.id} label={a.name} />
              <Text size="sm" c="dimmed">
                {t('audience.members', { count: a.memberCount, n: formatNumber(a.memberCount, lang) })}
              </Text>
            </Group>
          </Paper>
        ))}
        <ErrorAlert error={error} />
      </Stack>
    </Radio.Group>
  );
}
