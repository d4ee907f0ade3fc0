import { NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/use-call.js';
import { ErrorAlert } from '../../components/error-alert.js';

const NONE = '__none';

/**
 * The marketing permission (GDPR field) members created by a sync get. Shown only for audiences with
 * marketing permissions; existing contacts' permissions are never changed (README "What is sent").
 */
export function PermissionPicker() {
  const { t } = useTranslation();
  const [key, setKey] = useState(0);
  const view = useCall('mapping:permissions', {}, String(key));
  const save = useAction();
  const p = view.data;
  if (!p || !p.enabled) return null;
  const mapped = p.mapping === null ? '' : (p.mapping.permissionId ?? NONE);
  const options = [
    ...(p.mapping === null ? [{ value: '', label: t('fields.permissionChoose') }] : []),
    { value: NONE, label: t('fields.permissionNone') },
    ...p.permissions.map((x) => ({ value: x.id, label: x.text })),
    ...(p.missingInMailchimp && p.mapping?.permissionId ? [{ value: p.mapping.permissionId, label: t('fields.permissionMissing', { text: p.mapping.permissionText ?? p.mapping.permissionId }) }] : []),
  ];
  return (
    <Stack gap="xs" maw={720} data-testid="permission-picker">
      <Title order={3} size="h5">
        {t('fields.permissionTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('fields.permissionHint')}
      </Text>
      {p.permissions.length === 0 ? (
        <Text size="sm">{t('fields.permissionNoContacts')}</Text>
      ) : (
        <NativeSelect
          label={t('fields.permissionLabel')}
          data={options}
          value={mapped}
          disabled={save.busy}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (!v) return;
            void save.run('mapping:setPermission', { permissionId: v === NONE ? null : v }).then(() => setKey((k) => k + 1));
          }}
        />
      )}
      {p.missingInMailchimp && <ErrorAlert error={{ code: 'mapping_unknown_permission', params: { permissionId: p.mapping?.permissionId ?? '', known: p.permissions.map((x) => x.text).join(', ') } }} />}
      <ErrorAlert error={save.error ?? view.error} />
    </Stack>
  );
}
