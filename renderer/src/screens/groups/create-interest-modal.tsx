import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc-contract.js';
import { useAction } from '../../api/use-call.js';
import { ErrorAlert } from '../../components/error-alert.js';

type Category = ResponseOf<'mailchimp:audience'>['categories'][number];
const NEW = '__new';

/** "Create this group in Mailchimp": a new interest in a chosen (or new) category. */
export function CreateInterestModal({
  barsyGroup,
  categories,
  onClose,
  onCreated,
}: {
  barsyGroup: string | null;
  categories: Category[];
  onClose: () => void;
  onCreated: (interestId: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [newTitle, setNewTitle] = useState('');
  const action = useAction();

  useEffect(() => {
    if (barsyGroup === null) return;
    setName(barsyGroup);
    setCategoryId(categories[0]?.id ?? NEW);
    setNewTitle(t('groups.defaultCategory'));
    action.setError(null);
    // Reset only when another group's dialog opens.
  }, [barsyGroup]);

  const create = async () => {
    let target = categoryId;
    if (target === NEW) {
      const cat = await action.run('mailchimp:createCategory', { title: newTitle.trim() });
      if (!cat) return;
      target = cat.id;
    }
    const interest = await action.run('mailchimp:createInterest', { categoryId: target, name: name.trim() });
    if (interest) onCreated(interest.id);
  };

  return (
    <Modal opened={barsyGroup !== null} onClose={onClose} title={t('groups.createTitle', { group: barsyGroup ?? '' })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <TextInput label={t('groups.newName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
        <NativeSelect
          label={t('groups.category')}
          description={t('groups.categoryHint')}
          value={categoryId}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
          data={[...categories.map((c) => ({ value: c.id, label: c.title })), { value: NEW, label: t('groups.newCategory') }]}
        />
        {categoryId === NEW && <TextInput label={t('groups.newCategoryTitle')} value={newTitle} onChange={(e) => setNewTitle(e.currentTarget.value)} />}
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void create()} loading={action.busy} disabled={!name.trim() || (categoryId === NEW && !newTitle.trim())}>
            {t('groups.createButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
