import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../shared/domain/sync.js';
import { OUTCOMES } from './outcomes.js';

export type OutcomeFilterValue = { outcome: Outcome | ''; search: string };

/** Filter by outcome and search by name or email (debounced, so typing does not flood main). */
export function OutcomeFilter({ planned, onChange }: { planned: boolean; onChange: (v: OutcomeFilterValue) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  useEffect(() => onChange({ outcome, search: debounced.trim() }), [outcome, debounced]); // onChange is a setter

  return (
    <Group grow align="flex-end">
      <NativeSelect
        label={t('filter.outcome')}
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value as Outcome | '')}
        data={[{ value: '', label: t('filter.all') }, ...OUTCOMES.map((o) => ({ value: o, label: t(planned ? `outcomePlanned.${o}` : `outcome.${o}`) }))]}
      />
      <TextInput label={t('filter.search')} placeholder={t('filter.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} type="search" />
    </Group>
  );
}
