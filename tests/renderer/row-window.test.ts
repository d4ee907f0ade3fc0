import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, rowWindow } from '../../renderer/src/components/row-window.js';

const ROW = 48;
const VIEW = 458;

describe('rowWindow: which rows of a fixed-height table are drawn, and where', () => {
  it('draws the rows in view plus the overscan, at their natural place, while the content fits a browser', () => {
    const w = rowWindow({ total: 10_000, rowPx: ROW, viewportPx: VIEW, scrollTop: 48_000, overscan: 5 });
    expect(w.spacerPx).toBe(480_000);
    // Rows 1000 … 1009.5 are in view.
    expect(w.first).toBe(995);
    expect(w.last).toBe(1009 + 5);
    expect(w.topOf(1000)).toBe(48_000);
    expect(w.topOf(995)).toBe(995 * ROW);
  });

  it('draws nothing for an empty table and clamps the overscan to the rows that exist', () => {
    const empty = rowWindow({ total: 0, rowPx: ROW, viewportPx: VIEW, scrollTop: 0, overscan: 12 });
    expect(empty.last).toBeLessThan(empty.first);
    expect(empty.spacerPx).toBe(0);
    const few = rowWindow({ total: 3, rowPx: ROW, viewportPx: VIEW, scrollTop: 0, overscan: 12 });
    expect([few.first, few.last]).toEqual([0, 2]);
  });

  it('keeps a million rows within the height a browser allows, and the end of the scroll shows the last row', () => {
    const total = 1_000_000;
    const top = rowWindow({ total, rowPx: ROW, viewportPx: VIEW, scrollTop: 0, overscan: 0 });
    expect(top.spacerPx).toBe(MAX_SPACER_PX);
    expect(top.first).toBe(0);
    expect(top.topOf(0)).toBe(0);

    const end = MAX_SPACER_PX - VIEW;
    const bottom = rowWindow({ total, rowPx: ROW, viewportPx: VIEW, scrollTop: end, overscan: 0 });
    expect(bottom.last).toBe(total - 1);
    // The last row's bottom edge is the bottom of the view (and of the scrolled content).
    expect(bottom.topOf(total - 1) + ROW).toBeCloseTo(end + VIEW, 6);
    expect(bottom.topOf(total - 1) + ROW).toBeLessThanOrEqual(MAX_SPACER_PX);

    // Half-way down the scroll is half-way through the rows, and rows stay 48 pixels apart.
    const middle = rowWindow({ total, rowPx: ROW, viewportPx: VIEW, scrollTop: end / 2, overscan: 0 });
    expect(middle.first).toBeGreaterThan(499_990);
    expect(middle.last).toBeLessThan(500_010);
    expect(middle.topOf(middle.first + 1) - middle.topOf(middle.first)).toBe(ROW);
    // The rows drawn cover the view: the first starts at or above its top, the last ends at or below its bottom.
    expect(middle.topOf(middle.first)).toBeLessThanOrEqual(end / 2);
    expect(middle.topOf(middle.last) + ROW).toBeGreaterThanOrEqual(end / 2 + VIEW);
  });

  it('ignores a scroll position outside the content (an overscrolled or stale position)', () => {
    const w = rowWindow({ total: 100, rowPx: ROW, viewportPx: VIEW, scrollTop: 1e9, overscan: 0 });
    expect(w.last).toBe(99);
    expect(w.topOf(99) + ROW).toBe(100 * ROW);
    const neg = rowWindow({ total: 100, rowPx: ROW, viewportPx: VIEW, scrollTop: -50, overscan: 0 });
    expect(neg.first).toBe(0);
  });
});

describe('scrolling past the cap', () => {
  it('moves the rows contentPerScrollPx pixels per scrolled pixel, so scrolling by delta / ratio moves them by delta', () => {
    expect(rowWindow({ total: 10_000, rowPx: ROW, viewportPx: VIEW, scrollTop: 0, overscan: 0 }).contentPerScrollPx).toBe(1);
    const at = (scrollTop: number) => rowWindow({ total: 1_000_000, rowPx: ROW, viewportPx: VIEW, scrollTop, overscan: 0 });
    const ratio = at(0).contentPerScrollPx;
    expect(ratio).toBeGreaterThan(3);
    // Where row 500,000 shows in the view (its place in the content minus the scroll position), before and after one row's scroll.
    const start = 7_500_000;
    const inView = (scrollTop: number) => at(scrollTop).topOf(500_000) - scrollTop;
    expect(inView(start) - inView(start + ROW / ratio)).toBeCloseTo(ROW, 6);
  });
});
