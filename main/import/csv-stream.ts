import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import type { Delimiter, Encoding, EncodingOption } from '../../shared/domain/import.js';
import type { Newline, OnRecord } from './csv-parser.js';
import { recordFeeder } from './csv-records.js';
import { MAX_LINE_BYTES, looksBinary, scanUtf8 } from './decode.js';

/** Bytes read at a time: large enough that per-chunk costs vanish, small enough to keep memory flat. */
const CHUNK = 1024 * 1024;

/** What one pass over the raw bytes learns, so the file can then be decoded and parsed in a stream. */
export type FileScan = {
  size: number;
  sha256: string;
  /** NUL bytes, a line over `MAX_LINE_BYTES`, a UTF-16 BOM: cases the whole-buffer reader reports precisely. */
  unusual: boolean;
  utf8Valid: boolean;
  utf8Bom: boolean;
  newline: Newline;
  /** CRLF rows with bare LF somewhere too: CRLF is turned into LF as the text streams. */
  mixedNewlines: boolean;
};

/**
 * The read buffer every pass over a file uses (two chunks, for `eachLinePiece`), kept for the next pass
 * and the next import: here a freshly allocated megabyte costs ~2.5 ms of page faults before the first
 * byte is read, and an import makes four passes. A pass started inside another (none is today) gets
 * its own buffer.
 */
let spareBuffer: Buffer | undefined;

/**
 * Opens `filePath` and runs `fn` with it, its size and the shared read buffer (or a new one while it is
 * in use), closing the file afterwards.
 */
function withOpenFile<T>(filePath: string, fn: (fd: number, size: number, buf: Buffer) => T): T {
  const buf = spareBuffer ?? Buffer.allocUnsafe(2 * CHUNK);
  spareBuffer = undefined;
  try {
    const fd = fs.openSync(filePath, 'r');
    try {
      return fn(fd, fs.fstatSync(fd).size, buf);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    spareBuffer = buf;
  }
}

/**
 * Reads a file in chunks of up to `chunkBytes`, synchronously (an import is one synchronous
 * transaction), calling `onChunk` for each; the chunk is only valid during the call.
 */
export function eachChunk(filePath: string, onChunk: (chunk: Buffer, last: boolean) => boolean | void, chunkBytes = CHUNK): void {
  withOpenFile(filePath, (fd, size, buf) => {
    for (let pos = 0; ; ) {
      const n = fs.readSync(fd, buf, 0, chunkBytes, pos);
      pos += n;
      if (onChunk(buf.subarray(0, n), n === 0 || pos >= size) === false || n === 0 || pos >= size) return;
    }
  });
}

/** Bytes at the end of a chunk that may be the start of a UTF-8 sequence continued in the next chunk. */
function incompleteTail(chunk: Buffer): number {
  for (let k = 1; k <= Math.min(3, chunk.length); k++) {
    const b = chunk[chunk.length - k]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return len > k ? k : 0;
    }
  }
  return 0;
}

/**
 * One pass over the raw bytes at native speed: SHA-256, UTF-8 validity, NUL bytes, the longest line, and
 * which line breaks the file uses. Nothing of the file is kept.
 */
export function scanFile(filePath: string): FileScan {
  const hash = createHash('sha256');
  let size = 0;
  let unusual = false;
  let utf8Valid = true;
  let carry = Buffer.alloc(0);
  let lineBytes = 0;
  let hasCR = false;
  let hasLF = false;
  let bareLF = false;
  let prev = -1;
  let first: Buffer | undefined;
  eachChunk(filePath, (chunk) => {
    if (!first) first = Buffer.from(chunk.subarray(0, 4));
    size += chunk.length;
    hash.update(chunk);
    if (!unusual && chunk.indexOf(0) !== -1) unusual = true;
    if (utf8Valid) {
      const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteTail(joined);
      if (!isUtf8(joined.subarray(0, joined.length - tail))) utf8Valid = false;
      carry = Buffer.from(joined.subarray(joined.length - tail));
    }
    // Next LF and CR, each searched again only once passed (a file without CR must not rescan per line).
    let lf = chunk.indexOf(0x0a);
    let cr = chunk.indexOf(0x0d);
    for (let start = 0; start < chunk.length; ) {
      if (lf !== -1 && lf < start) lf = chunk.indexOf(0x0a, start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf(0x0d, start);
      const next = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (next === -1) {
        lineBytes += chunk.length - start;
        break;
      }
      lineBytes += next - start;
      if (lineBytes > MAX_LINE_BYTES) unusual = true;
      lineBytes = 0;
      if (next === lf) {
        hasLF = true;
        if ((next === 0 ? prev : chunk[next - 1]) !== 0x0d) bareLF = true;
      } else hasCR = true;
      start = next + 1;
    }
    if (lineBytes > MAX_LINE_BYTES) unusual = true;
    if (chunk.length > 0) prev = chunk[chunk.length - 1]!;
  });
  if (carry.length > 0) utf8Valid = false;
  const head = first ?? Buffer.alloc(0);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) unusual = true;
  const newline: Newline = !hasCR ? '\n' : !hasLF ? '\r' : bareLF ? '\n' : '\r\n';
  return {
    size,
    sha256: hash.digest('hex'),
    unusual: unusual || size === 0,
    utf8Valid,
    utf8Bom: head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf,
    newline,
    mixedNewlines: hasCR && hasLF && bareLF,
  };
}

/**
 * The encoding by the project's rule (BOM → its encoding; strict UTF-8 → UTF-8; else Windows-1251),
 * or `undefined` when only the whole-buffer reader can tell precisely (UTF-8 with a few broken bytes,
 * which it reports with the line). The broken-UTF-8 test looks at the first 4 MB: a cp1251 file shows
 * itself within its first Cyrillic words.
 */
export function streamEncoding(filePath: string, scan: FileScan, option: EncodingOption): Encoding | undefined {
  if (option === 'utf16le') return undefined;
  if (option === 'cp1251') return 'cp1251';
  if (scan.utf8Bom || scan.utf8Valid) return option === 'auto' || scan.utf8Valid ? 'utf8' : undefined;
  if (option === 'utf8') return undefined;
  const prefix: Buffer[] = [];
  let read = 0;
  let clearly = false;
  eachChunk(filePath, (chunk) => {
    // A scan that stops early (clearly cp1251) gives the same answer on any longer prefix: stop reading,
    // without keeping a copy of the chunk. (Its last 3 bytes are left out: a letter cut by the chunk's
    // end must not count as invalid.)
    if (read === 0) clearly = scanUtf8(chunk.subarray(0, Math.max(0, chunk.length - 3))).clearlyCp1251;
    if (clearly) return false;
    prefix.push(Buffer.from(chunk));
    read += chunk.length;
    return read < 4 * CHUNK;
  });
  if (clearly) return 'cp1251';
  const whole = read >= scan.size;
  const result = scanUtf8(Buffer.concat(prefix));
  // The scan stops early on cp1251; when it reached the end of a prefix only, let the whole file decide.
  if (result.brokenUtf8 || (!whole && result.firstInvalid >= read)) return undefined;
  return 'cp1251';
}

/** The first `bytes` of a file decoded (for the header row, the delimiter and the binary check). */
export function decodeHead(filePath: string, encoding: Encoding, bytes = 256 * 1024): { text: string; binary: boolean } {
  let text = '';
  const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'windows-1251');
  let read = 0;
  eachChunk(
    filePath,
    (chunk) => {
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - read));
      text += decoder.decode(part, { stream: true });
      read += part.length;
      return read < bytes;
    },
    Math.min(bytes, CHUNK),
  );
  return { text, binary: looksBinary(text) };
}

/** A quote error met while streaming: the whole-buffer reader is asked for its exact line. */
export class StreamQuoteError extends Error {}

/**
 * Reads a file in pieces that end at a line break (`lineEnd`), except a piece without any (a line longer
 * than a chunk) and the last one. The bytes after a chunk's last line break are moved to the front of
 * the one buffer and the next chunk is read behind them: no copy of the whole chunk (joining the rest
 * and the next chunk with `Buffer.concat` cost ~20 ms of a 100k-client import). The rest never holds a
 * line break, so it is shorter than a chunk and the buffer's two chunks always suffice.
 */
function eachLinePiece(filePath: string, lineEnd: number, onPiece: (piece: Buffer, last: boolean) => boolean): void {
  withOpenFile(filePath, (fd, size, buf) => {
    for (let pos = 0, rest = 0; ; ) {
      const n = fs.readSync(fd, buf, rest, CHUNK, pos);
      pos += n;
      const end = rest + n;
      const last = n === 0 || pos >= size;
      let cut = end;
      if (!last) {
        const lastBreak = buf.lastIndexOf(lineEnd, end - 1);
        if (lastBreak >= rest) cut = lastBreak + 1;
      }
      if (!onPiece(buf.subarray(0, cut), last) || last) return;
      rest = end - cut;
      if (rest > 0) buf.copyWithin(0, cut, end);
    }
  });
}

/**
 * Decodes and parses a CSV file in chunks: each chunk is decoded (streaming TextDecoder) and fed to the
 * record parser (`csv-records.ts`), which keeps the unfinished last record for the next chunk, so no
 * whole-file string ever exists. Records go to `onRecord` as parsed.
 */
export function streamCsv(filePath: string, encoding: Encoding, delimiter: Delimiter, scan: FileScan, onRecord: OnRecord): void {
  const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'windows-1251');
  const feed = recordFeeder(delimiter, scan.newline, onRecord);
  // Each piece handed to the parser ends at a line break. A record cut in two would make the parser
  // join strings (a rope V8 then reads about half as fast for the whole chunk); now only a quoted cell
  // with a line break across a border does.
  const lineEnd = scan.newline === '\r' ? 0x0d : 0x0a;
  let quoteError = false;
  let pendingCR = false;
  eachLinePiece(filePath, lineEnd, (bytes, last) => {
    let text = decoder.decode(bytes, { stream: !last });
    if (scan.mixedNewlines) {
      // CRLF → LF across chunk borders: a CR at the end of a chunk waits for the next one.
      if (pendingCR) text = `\r${text}`;
      pendingCR = !last && text.endsWith('\r');
      if (pendingCR) text = text.slice(0, -1);
      text = text.replace(/\r\n/g, '\n');
    }
    const result = feed(text, last);
    quoteError = result === 'quote';
    return result === 'more';
  });
  if (quoteError) throw new StreamQuoteError();
}
