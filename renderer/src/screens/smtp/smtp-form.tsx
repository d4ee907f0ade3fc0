import { Alert, Button, Group, NativeSelect, NumberInput, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { SettingKey } from '../../../../shared/domain/settings.js';
import { useAction, useCall } from '../../api/use-call.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';

type Form = { email: string; service: string; host: string; port: number; secure: boolean; noEncryption: boolean; user: string; pass: string; from: string };

/**
 * The report address (mandatory, as in Barsy) and the owner's own mailbox to send it from: a preset
 * fills host, port and TLS; "send test email" proves it works before the first sync.
 */
export function SmtpForm({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const { settings, saveMany } = useSettings();
  const v = settings.values;
  const presets = useCall('smtp:presets', {});
  const test = useAction();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const passSet = settings.secretsSet['smtp.pass'] === true;
  const [form, setForm] = useState<Form>({
    email: v['report.email'] ?? '',
    service: v['smtp.service'] ?? '',
    host: v['smtp.host'] ?? '',
    port: Number(v['smtp.port'] ?? 587),
    secure: v['smtp.secure'] === 'true',
    noEncryption: v['smtp.noEncryption'] === 'true',
    user: v['smtp.user'] ?? '',
    pass: '',
    from: v['smtp.from'] ?? '',
  });
  const set = <K extends keyof Form>(k: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: value }));
  };

  const choosePreset = (id: string) => {
    const p = presets.data?.find((x) => x.id === id);
    setSaved(false);
    setForm((f) => (p ? { ...f, service: id, host: p.host, port: p.port, secure: p.secure } : { ...f, service: '' }));
  };

  const save = async (): Promise<boolean> => {
    setSaving(true);
    setSaveError(null);
    const entries: Array<[SettingKey, string]> = [
      ['report.email', form.email.trim()],
      ['smtp.service', form.service],
      ['smtp.host', form.host.trim()],
      ['smtp.port', String(form.port)],
      ['smtp.secure', String(form.secure)],
      // Only a typed host without SSL can go unencrypted; a preset or SSL always clears the choice.
      ['smtp.noEncryption', String(plainAllowed && form.noEncryption)],
      ['smtp.user', form.user.trim()],
      ['smtp.from', form.from.trim()],
    ];
    // An empty password field keeps the saved one (it is never sent back to the screen).
    if (form.pass) entries.push(['smtp.pass', form.pass]);
    const err = await saveMany(entries);
    setSaving(false);
    setSaveError(err);
    if (!err) {
      setSaved(true);
      onSaved?.();
    }
    return !err;
  };

  const sendTest = async () => {
    setSentTo(null);
    if (!(await save())) return;
    const res = await test.run('smtp:test', form.email.trim() ? { to: form.email.trim() } : {});
    if (res) setSentTo(form.email.trim());
  };

  const plainAllowed = form.service === '' && !form.secure;
  const presetData = [{ value: '', label: t('smtp.customProvider') }, ...(presets.data ?? []).map((p) => ({ value: p.id, label: p.label }))];

  return (
    <Stack gap="md">
      <TextInput
        label={t('smtp.reportEmail')}
        description={t('smtp.reportEmailHint')}
        type="email"
        required
        value={form.email}
        onChange={(e) => set('email', e.currentTarget.value)}
        placeholder="office@magazin.bg"
      />
      <Text fw={600} mt="sm">
        {t('smtp.sendFrom')}
      </Text>
      <NativeSelect label={t('smtp.provider')} description={t('smtp.providerHint')} data={presetData} value={form.service} onChange={(e) => choosePreset(e.currentTarget.value)} />
      <SimpleGrid cols={3}>
        <TextInput label={t('smtp.host')} value={form.host} onChange={(e) => set('host', e.currentTarget.value)} placeholder="smtp.abv.bg" style={{ gridColumn: 'span 2' }} />
        <NumberInput label={t('smtp.port')} value={form.port} min={1} max={65535} onChange={(n) => set('port', typeof n === 'number' ? n : Number(n) || 587)} />
      </SimpleGrid>
      <Switch label={t('smtp.secure')} description={t('smtp.secureHint')} checked={form.secure} onChange={(e) => set('secure', e.currentTarget.checked)} />
      {plainAllowed && (
        <Switch
          color="red"
          label={t('smtp.noEncryption')}
          description={t('smtp.noEncryptionHint')}
          checked={form.noEncryption}
          onChange={(e) => set('noEncryption', e.currentTarget.checked)}
        />
      )}
      {plainAllowed && form.noEncryption && (
        <Alert color="red" variant="light" data-testid="smtp-no-encryption-warning">
          {t('smtp.noEncryptionWarning')}
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <TextInput label={t('smtp.user')} value={form.user} onChange={(e) => set('user', e.currentTarget.value)} autoComplete="off" />
        <PasswordInput
          label={t('smtp.pass')}
          description={passSet ? t('smtp.passSaved') : t('smtp.passHint')}
          value={form.pass}
          onChange={(e) => set('pass', e.currentTarget.value)}
          autoComplete="new-password"
        />
      </SimpleGrid>
      <TextInput label={t('smtp.from')} description={t('smtp.fromHint')} value={form.from} onChange={(e) => set('from', e.currentTarget.value)} />
      <ErrorAlert error={presets.error} />
      <ErrorAlert error={saveError} />
      <ErrorAlert error={test.error} />
      {saved && !sentTo && !test.error && (
        <Alert color="green" variant="light">
          {t('common.saved')}
        </Alert>
      )}
      {sentTo && (
        <Alert color="green" variant="light" title={t('smtp.testSentTitle')} data-testid="smtp-test-sent">
          {t('smtp.testSent', { to: sentTo })}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()} loading={saving && !test.busy}>
          {t('common.save')}
        </Button>
        <Button variant="default" onClick={() => void sendTest()} loading={test.busy} disabled={!form.email.trim()}>
          {t('smtp.sendTest')}
        </Button>
      </Group>
    </Stack>
  );
}
