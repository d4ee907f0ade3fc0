// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BarsyApi } from '../../shared/ipc-contract.js';
import { saveText } from '../../renderer/src/screens/reports/download.js';

/*
 * The browser test bridge has no save dialog: its `saveFile` falls back to a browser download (what the
 * end-to-end tests catch), and the Reports screen's "Export CSV" goes through that same `saveFile`.
 */
let api: BarsyApi;
const clicked: Array<{ download: string; href: string }> = [];
const blobs = new Map<string, Blob>();

beforeAll(async () => {
  let n = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ download: this.download, href: this.href });
  });
  await import('../../preload/browser-api.js');
  api = (globalThis as unknown as { barsy: BarsyApi }).barsy;
});

describe('saving an export in the browser test bridge', () => {
  it('downloads the content under the suggested name, and says it was saved', async () => {
    const res = await api.saveFile({ suggestedName: 'run-3.csv', content: '\uFEFFИме;Имейл\r\n', kind: 'csv' });
    expect(res).toEqual({ ok: true, value: { saved: true, fileName: 'run-3.csv' } });
    const last = clicked.at(-1)!;
    expect(last.download).toBe('run-3.csv');
    const blob = blobs.get(last.href)!;
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe('\uFEFFИме;Имейл\r\n');
    expect(document.querySelectorAll('a[download]')).toHaveLength(0); // the link is removed again
  });

  it('is what the Reports screen\'s export uses (never a download of its own)', async () => {
    const before = clicked.length;
    expect(await saveText('run-4.csv', 'a;b\r\n', 'csv')).toEqual({ saved: true, fileName: 'run-4.csv' });
    expect(clicked.slice(before).map((c) => c.download)).toEqual(['run-4.csv']);
  });
});
