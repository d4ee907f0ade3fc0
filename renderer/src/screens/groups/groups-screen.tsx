import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.js';
import { PageHeader } from '../../components/page-header.js';
import { GroupGrid } from './group-grid.js';

/** The group mapping grid as its own screen. */
export function GroupsScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('groups.title')} description={t('groups.description')} />
      <GroupGrid />
      <Group>
        <Button variant="default" onClick={() => navigate('fields')}>
          {t('groups.nextFields')}
        </Button>
      </Group>
    </Stack>
  );
}
