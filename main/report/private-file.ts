import fs from 'node:fs';

/** Thrown by `writeNewPrivateFile` when the text would pass its `maxBytes`; the file is removed. */
export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`file would exceed ${maxBytes} bytes`);
  }
}

/**
 * Writes a new file readable by its owner only (a report names every client), never over an existing
 * one, with the UTF-8 text `fill` hands to `write` piece by piece; returns what `fill` returns. When
 * `fill` throws, or the text would pass `maxBytes` (`FileTooLarge`), the file is removed: nothing
 * half-written is left behind.
 */
export function writeNewPrivateFile<T>(filePath: string, fill: (write: (chunk: string) => void) => T, o: { maxBytes?: number } = {}): T {
  const fd = fs.openSync(filePath, 'wx', 0o600);
  let size = 0;
  const write = (chunk: string) => {
    const bytes = Buffer.from(chunk, 'utf8');
    size += bytes.length;
    if (o.maxBytes !== undefined && size > o.maxBytes) throw new FileTooLarge(o.maxBytes);
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  };
  let ok = false;
  try {
    const result = fill(write);
    ok = true;
    return result;
  } finally {
    fs.closeSync(fd);
    if (!ok) fs.rmSync(filePath, { force: true });
  }
}
