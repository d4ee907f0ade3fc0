import { Button, Stack, Text } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickCsvFile, refForDroppedFile } from '../api/files.js';

/**
 * Where the user gives us the Barsy export: a button for the file dialog (the keyboard path) and a
 * drop zone for dragging the file from the desktop or Explorer/Finder. `onPath` receives a file
 * reference for `import:*` requests (a token in the app, see `api/files.ts`), never a path the page made.
 */
export function FileDrop({ onPath, busy, label }: { onPath: (path: string) => void; busy: boolean; label?: string }) {
  const { t } = useTranslation();
  const [active, setActive] = useState(false);

  const onDrop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setActive(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const ref = await refForDroppedFile(file);
    if (ref) onPath(ref);
  };

  return (
    <div
      className="barsy-dropzone"
      data-active={active}
      data-testid="file-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setActive(true);
      }}
      onDragLeave={() => setActive(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <Stack align="center" gap="xs" p="xl">
        <Text fw={600}>{label ?? t('import.dropTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('import.dropHint')}
        </Text>
        <Button
          loading={busy}
          onClick={async () => {
            const ref = await pickCsvFile();
            if (ref) onPath(ref);
          }}
        >
          {t('import.chooseFile')}
        </Button>
      </Stack>
    </div>
  );
}
