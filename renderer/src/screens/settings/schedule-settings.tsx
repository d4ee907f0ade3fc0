import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import { weekdaySchema, type ScheduleViewWire } from '../../../../shared/domain/schedule.js';
import { barsyApi } from '../../api/client.js';
import { useAction, useCall } from '../../api/use-call.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { notify } from '../../components/notify.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';

type Kind = 'off' | 'daily' | 'weekly';
const DAYS = weekdaySchema.options;

/** The form's starting values from what is registered (`at` is `07:00` or `monday 07:00`). */
function formOf(view: ScheduleViewWire | undefined): { kind: Kind; day: string; time: string } {
  if (!view?.enabled) return { kind: 'off', day: 'monday', time: '07:00' };
  const [first, second] = view.at.split(' ');
  return second ? { kind: 'weekly', day: first!, time: second } : { kind: 'daily', day: 'monday', time: first! };
}

/** A section's title and the sentence under it. */
function SectionHeading({ title, hint }: { title: string; hint: string }) {
  return (
    <>
      <Title order={3} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </>
  );
}

/** Settings › Automatic sync: the OS schedule (every day / every week at a time) and the watched export folder. */
export function ScheduleSettings() {
  const { t } = useTranslation();
  const lang = useLang();
  const current = useCall('schedule:get', {});
  const action = useAction();
  const [form, setForm] = useState(formOf(undefined));
  const view = current.data?.schedule;
  useEffect(() => setForm(formOf(view)), [view]);

  const apply = async () => {
    const res =
      form.kind === 'off'
        ? await action.run('schedule:off', {})
        : await action.run('schedule:set', { kind: form.kind, time: form.time, ...(form.kind === 'weekly' ? { day: weekdaySchema.parse(form.day) } : {}) });
    if (res) {
      notify('green', res.enabled ? t('unattended.saved') : t('unattended.removed'));
      await current.reload();
    }
  };

  return (
    <Stack gap="xl">
      <Stack gap="sm" data-testid="schedule-settings">
        <SectionHeading title={t('unattended.scheduleTitle')} hint={t('unattended.scheduleHint')} />
        <SegmentedControl
          aria-label={t('unattended.scheduleTitle')}
          value={form.kind}
          onChange={(v) => setForm({ ...form, kind: v as Kind })}
          data={[
            { value: 'off', label: t('unattended.off') },
            { value: 'daily', label: t('unattended.daily') },
            { value: 'weekly', label: t('unattended.weekly') },
          ]}
        />
        {form.kind !== 'off' && (
          <Group align="end">
            {form.kind === 'weekly' && (
              <Select
                label={t('unattended.day')}
                value={form.day}
                onChange={(v) => v && setForm({ ...form, day: v })}
                data={DAYS.map((d) => ({ value: d, label: t(`unattended.days.${d}`) }))}
                allowDeselect={false}
                w={180}
              />
            )}
            <TextInput label={t('unattended.time')} type="time" value={form.time} onChange={(e) => setForm({ ...form, time: e.currentTarget.value })} w={140} />
          </Group>
        )}
        <Group>
          <Button onClick={() => void apply()} loading={action.busy} data-testid="schedule-save">
            {form.kind === 'off' ? t('unattended.turnOff') : t('unattended.save')}
          </Button>
        </Group>
        {view?.enabled && (
          <Stack gap={2} data-testid="schedule-current">
            <Text size="sm" fw={600}>
              {t('unattended.next', { when: formatDateTime(view.next, lang) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('unattended.entry', { entry: view.entry })}
            </Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('unattended.command', { command: view.command })}
            </Text>
          </Stack>
        )}
        <ErrorAlert error={action.error ?? current.error} />
      </Stack>
      <WatchFolderSetting />
    </Stack>
  );
}

/**
 * The folder Barsy exports are saved in (setting `watch.folder`); empty stops watching. In the app the
 * folder comes from the native folder dialog, and the page sends only that dialog's token (main refuses a
 * path from the page); the browser test bridge has no dialog, so there the folder is typed.
 */
function WatchFolderSetting() {
  const { t } = useTranslation();
  const { settings, save } = useSettings();
  const stored = settings.values['watch.folder'] ?? '';
  const [folder, setFolder] = useState(stored);
  const [error, setError] = useState<AppError | null>(null);
  const pickFolder = barsyApi()?.pickFolder;
  useEffect(() => setFolder(stored), [stored]);
  const store = async (value: string) => {
    const failed = await save('watch.folder', value.trim());
    setError(failed);
    if (!failed) notify('green', t('unattended.saved'));
  };
  const choose = async () => {
    const token = await pickFolder?.();
    if (token) await store(token);
  };
  return (
    <Stack gap="sm" data-testid="watch-folder-settings">
      <SectionHeading title={t('unattended.folderTitle')} hint={t('unattended.folderHint')} />
      <TextInput
        label={t('unattended.folderLabel')}
        value={folder}
        readOnly={Boolean(pickFolder)}
        onChange={(e) => setFolder(e.currentTarget.value)}
        placeholder="C:\\Barsy\\Export"
      />
      <Group>
        {pickFolder ? (
          <Button onClick={() => void choose()}>{t('unattended.folderChoose')}</Button>
        ) : (
          <Button onClick={() => void store(folder)}>{t('unattended.folderSave')}</Button>
        )}
        {stored && (
          <Button variant="default" onClick={() => void store('')}>
            {t('unattended.folderClear')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}
