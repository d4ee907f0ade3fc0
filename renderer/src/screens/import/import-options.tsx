import { NativeSelect, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Delimiter, DelimiterOption, Encoding, EncodingOption } from '../../../../shared/domain/import.js';

const ENCODINGS: Encoding[] = ['utf8', 'cp1251', 'utf16le'];
const DELIMITERS: Array<Exclude<DelimiterOption, 'auto'>> = [';', ',', 'tab'];

/** "tab" is how the request names a tab; the preview reports the character itself. */
export function delimiterKey(d: Delimiter | DelimiterOption): 'semicolon' | 'comma' | 'tab' | 'auto' {
  if (d === ';') return 'semicolon';
  if (d === ',') return 'comma';
  if (d === 'auto') return 'auto';
  return 'tab';
}

type Props = {
  encoding: EncodingOption;
  delimiter: DelimiterOption;
  detected: { encoding: Encoding; delimiter: Delimiter };
  onChange: (next: { encoding: EncodingOption; delimiter: DelimiterOption }) => void;
  disabled: boolean;
};

/** What was detected, and the two selects to change it when the guess is wrong. */
export function ImportOptions({ encoding, delimiter, detected, onChange, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={2}>
      <NativeSelect
        label={t('import.encoding')}
        description={t('import.detected', { value: t(`encoding.${detected.encoding}`) })}
        value={encoding}
        disabled={disabled}
        onChange={(e) => onChange({ encoding: e.currentTarget.value as EncodingOption, delimiter })}
        data={[{ value: 'auto', label: t('import.auto', { value: t(`encoding.${detected.encoding}`) }) }, ...ENCODINGS.map((e) => ({ value: e, label: t(`encoding.${e}`) }))]}
      />
      <NativeSelect
        label={t('import.delimiter')}
        description={t('import.detected', { value: t(`delimiter.${delimiterKey(detected.delimiter)}`) })}
        value={delimiter}
        disabled={disabled}
        onChange={(e) => onChange({ encoding, delimiter: e.currentTarget.value as DelimiterOption })}
        data={[
          { value: 'auto', label: t('import.auto', { value: t(`delimiter.${delimiterKey(detected.delimiter)}`) }) },
          ...DELIMITERS.map((d) => ({ value: d, label: t(`delimiter.${delimiterKey(d)}`) })),
        ]}
      />
    </SimpleGrid>
  );
}

/** The worksheet of an Excel workbook to import (the first by default). */
export function SheetSelect({ sheets, value, onChange, disabled, label }: { sheets: string[]; value: string; onChange: (sheet: string) => void; disabled: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <NativeSelect label={label ?? t('import.sheet')} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} data={sheets} maw={360} />
  );
}
