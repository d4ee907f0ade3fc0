/**
 * Which rows of a fixed-row-height table are in view, and where to draw them — in constant time for any
 * number of rows (a generic virtualizer keeps a measurement per row: ~80 ms and 1M objects for a
 * million-row table before its first rows could be drawn).
 *
 * Browsers cap how tall an element may be (Chromium ~33.5 million pixels, Firefox ~17.9 million): at
 * 48 pixels a row, a plain spacer would end near row 700,000. Past `MAX_SPACER_PX` the spacer stays that
 * tall and the scroll position maps proportionally onto the rows, so the end of the scroll is the last
 * row; rows are still drawn at their full height. The table then scrolls wheel and keys itself, by
 * `contentPerScrollPx`, so a wheel step or an arrow key still moves the rows by what it says, not 3× that.
 */
export const MAX_SPACER_PX = 15_000_000;

export type RowWindow = {
  /** Height of the scrolled content. */
  spacerPx: number;
  /** First and last row index to draw (inclusive; last < first when there are no rows). */
  first: number;
  last: number;
  /** Where row `index` is drawn inside the scrolled content. */
  topOf: (index: number) => number;
  /** How far the rows move for a pixel of scrolling: 1 up to the cap, more past it. */
  contentPerScrollPx: number;
};

export function rowWindow(o: { total: number; rowPx: number; viewportPx: number; scrollTop: number; overscan: number }): RowWindow {
  const { total, rowPx, overscan } = o;
  const viewport = Math.max(0, o.viewportPx);
  const contentPx = total * rowPx;
  const spacerPx = Math.min(contentPx, MAX_SPACER_PX);
  const maxScroll = Math.max(0, spacerPx - viewport);
  const scrollTop = Math.min(Math.max(0, o.scrollTop), maxScroll);
  // How far into the (unscaled) rows the top of the view is: equal to scrollTop until the cap, then scaled
  // so that the scroll's end shows the last rows.
  const offsetPx = maxScroll === 0 ? 0 : contentPx <= MAX_SPACER_PX ? scrollTop : (scrollTop / maxScroll) * Math.max(0, contentPx - viewport);
  const first = Math.max(0, Math.floor(offsetPx / rowPx) - overscan);
  const last = Math.min(total - 1, Math.ceil((offsetPx + viewport) / rowPx) - 1 + overscan);
  const contentPerScrollPx = contentPx <= MAX_SPACER_PX || maxScroll === 0 ? 1 : (contentPx - viewport) / maxScroll;
  return { spacerPx, first, last, topOf: (index) => scrollTop + index * rowPx - offsetPx, contentPerScrollPx };
}
