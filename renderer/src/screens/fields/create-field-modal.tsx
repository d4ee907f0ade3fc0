import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/use-call.js';
import { ErrorAlert } from '../../components/error-alert.js';

/** Suggests a merge tag from a field name: Latin letters, digits and _, at most 10 characters. */
export function suggestTag(name: string): string {
  const map: Record<string, string> = { а: 'A', б: 'B', в: 'V', г: 'G', д: 'D', е: 'E', ж: 'ZH', з: 'Z', и: 'I', й: 'Y', к: 'K', л: 'L', м: 'M', н: 'N', о: 'O', п: 'P', р: 'R', с: 'S', т: 'T', у: 'U', ф: 'F', х: 'H', ц: 'TS', ч: 'CH', ш: 'SH', щ: 'SHT', ъ: 'A', ь: 'Y', ю: 'YU', я: 'YA' };
  const latin = [...name.toLowerCase()].map((ch) => map[ch] ?? ch.toUpperCase()).join('');
  return latin.replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 10) || 'FIELD';
}

/** "Create a TEXT field" in the audience for a source that has no suitable merge tag yet. */
export function CreateFieldModal({ source, onClose, onCreated }: { source: string | null; onClose: () => void; onCreated: (tag: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [tag, setTag] = useState('');
  const action = useAction();

  useEffect(() => {
    if (source === null) return;
    const label = source.includes(':') ? (source.split(':')[1] ?? source).trim() : source;
    setName(source.slice(0, 100));
    setTag(suggestTag(label));
    action.setError(null);
  }, [source]); // reset only when another field's dialog opens

  const create = async () => {
    const field = await action.run('mailchimp:createMergeField', { name: name.trim(), ...(tag.trim() ? { tag: tag.trim().toUpperCase() } : {}) });
    if (field) onCreated(field.tag);
  };

  return (
    <Modal opened={source !== null} onClose={onClose} title={t('fields.createTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <TextInput label={t('fields.newName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
        <TextInput
          label={t('fields.newTag')}
          description={t('fields.newTagHint')}
          value={tag}
          maxLength={10}
          onChange={(e) => setTag(e.currentTarget.value.toUpperCase())}
        />
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void create()} loading={action.busy} disabled={!name.trim()}>
            {t('fields.createButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
