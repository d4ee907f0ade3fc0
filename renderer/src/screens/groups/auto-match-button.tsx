import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatError } from '../../../../shared/i18n/messages.js';
import { call } from '../../api/client.js';
import { useLang } from '../../i18n/index.js';
import { useState } from 'react';
import { notify } from '../../components/notify.js';

/** Matches Barsy groups and fields to Mailchimp's by name (case, spacing, look-alike letters). */
export function AutoMatchButton({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="light"
      c="indigo"
      loading={busy}
      onClick={async () => {
        setBusy(true);
        const res = await call('mapping:auto', {});
        setBusy(false);
        if (res.ok) notify('green', t('groups.autoDone', { groups: res.value.groupsMatched, fields: res.value.fieldsMatched }));
        else notify('red', formatError(res.error, lang));
        onDone();
      }}
    >
      {t('groups.auto')}
    </Button>
  );
}
