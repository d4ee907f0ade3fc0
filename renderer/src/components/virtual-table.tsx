import { Box, Center, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Busy } from './busy.js';
import { rowWindow } from './row-window.js';

export type Column<T> = {
  key: string;
  header: string;
  width: string;
  render: (row: T) => ReactNode;
  title?: (row: T) => string;
  /** Up to two lines instead of one line cut with an ellipsis. */
  wrap?: boolean;
};
export type Page<T> = { total: number; items: T[] };

const PAGE = 200;
const ROW_HEIGHT = 48;
const HEAD_HEIGHT = 40;
/** Rows drawn beyond each edge of the view, so a quick scroll does not show blank space. */
const OVERSCAN = 12;

type Props<T> = {
  label: string;
  columns: Array<Column<T>>;
  /** Loads rows [offset, offset+limit); null on failure (the caller shows the error). */
  fetchPage: (offset: number, limit: number) => Promise<Page<T> | null>;
  /** Changing it (a filter, a search) drops the loaded pages and starts again. */
  resetKey: string;
  height?: number;
  onTotal?: (total: number) => void;
};

/**
 * A table for a million rows: only the rows in view are in the DOM (every row has the same height, so
 * which ones is a division: `row-window.ts`) and rows are fetched from main in pages of 200 as they
 * scroll into view. ARIA table roles keep it readable by screen readers; the scroll area is focusable so
 * the keyboard can scroll it.
 */
export function VirtualTable<T>({ label, columns, fetchPage, resetKey, height = 460, onTotal }: Props<T>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, T[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [, setVersion] = useState(0);
  const template = columns.map((c) => c.width).join(' ');

  const load = useCallback(
    async (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      const gen = generation.current;
      inFlight.current.add(page);
      const res = await fetchPage(page * PAGE, PAGE);
      if (gen !== generation.current) return;
      inFlight.current.delete(page);
      if (!res) return;
      pages.current.set(page, res.items);
      setTotal(res.total);
      onTotal?.(res.total);
      setVersion((v) => v + 1);
    },
    [fetchPage, onTotal],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    setTotal(null);
    scrollRef.current?.scrollTo({ top: 0 });
    void load(0);
    // Only resetKey starts over: `load` changes identity with fetchPage on every render of the parent.
  }, [resetKey]);

  const boxHeight = total ? Math.min(height, total * ROW_HEIGHT + 2) : 120;
  // The view's height is the box's own (no border; 2 px spare so a short table shows no scroll bar), and
  // the scroll position is read only when it changes: nothing forces a layout while rendering.
  const [scrollTop, setScrollTop] = useState(0);
  const onScroll = useCallback(() => setScrollTop(scrollRef.current?.scrollTop ?? 0), []);
  useEffect(() => setScrollTop(0), [resetKey]);
  const viewportPx = boxHeight - 2;
  const win = rowWindow({ total: total ?? 0, rowPx: ROW_HEIGHT, viewportPx, scrollTop, overscan: OVERSCAN });
  const { first, last, contentPerScrollPx: ratio } = win;

  // Past the browser's height cap a scrolled pixel moves the rows `ratio` pixels: the wheel and the keys
  // scroll by the rows' distance instead, so nothing is skipped.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || ratio === 1) return;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || e.deltaY === 0) return;
      e.preventDefault();
      const px = e.deltaMode === 1 ? e.deltaY * ROW_HEIGHT : e.deltaMode === 2 ? e.deltaY * viewportPx : e.deltaY;
      el.scrollTop += px / ratio;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [ratio, viewportPx]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (ratio === 1) return;
    const el = e.currentTarget;
    const step: Record<string, number> = { ArrowDown: ROW_HEIGHT, ArrowUp: -ROW_HEIGHT, PageDown: viewportPx - ROW_HEIGHT, PageUp: ROW_HEIGHT - viewportPx };
    if (e.key === 'Home' || e.key === 'End') el.scrollTop = e.key === 'Home' ? 0 : el.scrollHeight;
    else if (step[e.key] !== undefined) el.scrollTop += step[e.key]! / ratio;
    else return;
    e.preventDefault();
  };

  useEffect(() => {
    if (last < first) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) void load(p);
  }, [first, last, load]);

  const rowAt = (index: number): T | undefined => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];

  return (
    <Box role="table" aria-label={label} aria-rowcount={(total ?? 0) + 1} bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="barsy-vt-row barsy-vt-head" style={{ gridTemplateColumns: template, height: HEAD_HEIGHT }}>
          {columns.map((c) => (
            <div role="columnheader" key={c.key}>
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="barsy-vt-scroll" tabIndex={0} aria-label={label} role={total ? 'rowgroup' : undefined} onScroll={onScroll} onKeyDown={onKeyDown} style={{ height: boxHeight, overflow: 'auto', position: 'relative' }}>
        {total === null && (
          <Center h={120}>
            <Busy size="sm" />
          </Center>
        )}
        {total === 0 && (
          <Center h={120}>
            <Text>{t('common.noRows')}</Text>
          </Center>
        )}
        <div style={{ height: win.spacerPx, position: 'relative' }}>
          {Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => {
            const index = first + k;
            const row = rowAt(index);
            return (
              <div
                role="row"
                aria-rowindex={index + 2}
                key={index}
                className="barsy-vt-row"
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${win.topOf(index)}px)` }}
              >
                {columns.map((c) => (
                  <div role="cell" key={c.key} className={c.wrap ? 'barsy-vt-wrap' : undefined} title={row && c.title ? c.title(row) : undefined}>
                    {row ? c.render(row) : '…'}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
