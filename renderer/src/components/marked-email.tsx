import { Text } from '@mantine/core';
import { emailParts } from '../../../shared/domain/email-marks.js';

/**
 * An email as the owner should see it: a refused one with its look-alike or invisible characters
 * highlighted (an invisible one by its code) and the corrected address beside it.
 */
export function MarkedEmail({ email, suggestion }: { email: string; suggestion: string | null | undefined }) {
  if (!email) return <>—</>;
  if (!suggestion) return <>{email}</>;
  return (
    <span data-testid="marked-email">
      {emailParts(email, suggestion).map((p, i) =>
        p.marked ? (
          <mark key={i} title={p.hint} style={{ background: 'var(--mantine-color-yellow-3)', fontWeight: 700 }}>
            {p.hint.includes('invisible') ? `⟦${p.hint.split(' ')[0]}⟧` : p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
      <Text span c="green.8" fw={600}>
        {' → '}
        {suggestion}
      </Text>
    </span>
  );
}
