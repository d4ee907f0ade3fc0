/**
 * Lets the CLI's output go to a reader that stops early (`barsy-sync runs | head -1`): once the reader
 * has closed the pipe, the rest of the output is dropped and the command ends as it would have,
 * instead of dying with an EPIPE stack trace (Node ignores SIGPIPE, so the failed write surfaces as an
 * 'error' event that nothing handled). The work itself is not cut short: a `sync` piped into `head`
 * still finishes and records its run. Any other output error is thrown as before.
 */
export function dropOutputToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
}
