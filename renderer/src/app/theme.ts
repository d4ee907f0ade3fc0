import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults (blue 6 under white text, gray 6 "dimmed" text, shade 6–8 text on light
 * backgrounds) fall below the WCAG AA contrast of 4.5:1, which axe checks on every screen. Filled
 * buttons use shade 8 of indigo; text on light tints uses the darker colours below.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Badge: { defaultProps: { variant: 'light', radius: 'sm', tt: 'none' } },
  },
});

/** Text colour per palette colour, ≥ 4.5:1 on white and on that colour's light tint. */
const DARK_TEXT: Record<string, string> = {
  green: '#1b6b2e',
  red: '#a61e1e',
  orange: '#9a3a00',
  yellow: '#735000',
  blue: '#1660a3',
  indigo: '#2f3fa8',
  grape: '#7a2a8f',
  gray: '#3d434a',
  teal: '#0b6157',
};

export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#6c737a' };
  for (const [name, value] of Object.entries(DARK_TEXT)) {
    light[`--mantine-color-${name}-light-color`] = value;
    light[`--mantine-color-${name}-text`] = value;
    light[`--mantine-color-${name}-outline`] = value;
  }
  return { variables: {}, light, dark: {} };
};
