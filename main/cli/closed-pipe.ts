import fs from 'node:fs';

const guarded = new Set<'stdout' | 'stderr'>();
/** Whether `writeOut` may use file descriptor 1: only in the CLI's own process, once the guard is in place. */
let directOut = false;
let stdoutClosed = false;

/**
 * Lets the CLI's output go to a reader that stops early (`barsy-sync runs | head -1`): once the reader
 * has closed the pipe, the rest of the output is dropped and the command ends as it would have,
 * instead of dying with an EPIPE stack trace (Node ignores SIGPIPE, so the failed write surfaces as an
 * 'error' event that nothing handled). The work itself is not cut short: a `sync` piped into `head`
 * still finishes and records its run. Any other output error is thrown as before.
 *
 * The guard is attached when `process.stdout` / `process.stderr` is first read, not at start: Node
 * creates each stream on first use (a pipe's costs ~4 ms: net, stream and a socket), and a command
 * that writes through `writeOut` or nothing at all on stderr never needs it.
 */
export function dropOutputToClosedPipes(): void {
  directOut = process.platform !== 'win32';
  for (const name of ['stdout', 'stderr'] as const) {
    const own = Object.getOwnPropertyDescriptor(process, name);
    if (!own?.get || !own.configurable) {
      // Not Node's lazy getter (another runtime): the stream exists anyway, guard it now.
      guard(name, process[name]);
      directOut = false;
      continue;
    }
    const get = own.get;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own.enumerable,
      get() {
        const stream = get.call(process) as NodeJS.WriteStream;
        if (!guarded.has(name)) guard(name, stream);
        return stream;
      },
    });
  }
}

function guard(name: 'stdout' | 'stderr', stream: NodeJS.WriteStream): void {
  guarded.add(name);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

/**
 * Writes `text` to standard output. Until something has created `process.stdout`, it writes to file
 * descriptor 1 directly, which spares a short command creating the stream; in order, because every
 * write is complete when it returns. A closed pipe (EPIPE) drops this and all later output, as the
 * stream's guard does; a non-blocking descriptor that is full (EAGAIN) hands the rest to
 * `process.stdout`, which waits for it, and so does every later write. Windows always takes the
 * stream (its console wants text, not bytes), and so does code that calls a command in its own process
 * without the CLI's entry (nothing installed the guard there).
 */
export function writeOut(text: string): void {
  if (!directOut || guarded.has('stdout')) {
    process.stdout.write(text);
    return;
  }
  if (stdoutClosed) return;
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(1, bytes, done, bytes.length - done);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      if (code !== 'EAGAIN') throw err;
      process.stdout.write(bytes.subarray(done));
      return;
    }
  }
}
