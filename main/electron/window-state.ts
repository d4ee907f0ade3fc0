import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof stateSchema>;
type Rect = { x: number; y: number; width: number; height: number };

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };

/** At least this much of the title bar must be on a screen, or the window is centred instead. */
function isVisible(s: WindowState, workAreas: Rect[]): boolean {
  if (s.x === undefined || s.y === undefined) return false;
  const { x, y } = s;
  return workAreas.some((a) => {
    const overlapX = Math.min(x + s.width, a.x + a.width) - Math.max(x, a.x);
    const overlapY = Math.min(y + 40, a.y + a.height) - Math.max(y, a.y);
    return overlapX >= 100 && overlapY >= 20;
  });
}

/**
 * The size and position saved when the window last closed (`window-state.json` in userData). A missing,
 * damaged or off-screen state (a monitor was unplugged) gives the default size, centred.
 */
export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let parsed: WindowState;
  try {
    parsed = stateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (isVisible(parsed, workAreas)) return parsed;
  return { width: parsed.width, height: parsed.height, maximized: parsed.maximized };
}

/** Writes the state; a failure (read-only folder) only costs the remembered position. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state));
  } catch {
    // Not worth bothering the user about.
  }
}

/** What a window reports about itself when it closes. */
export type StatefulWindow = {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'close', listener: () => void): unknown;
};

/** Saves the window's normal bounds and maximized flag when it closes. */
export function trackWindowState(win: StatefulWindow, file: string): void {
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(file, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
}
