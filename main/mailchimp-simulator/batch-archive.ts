import type http from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { pack } from 'tar-stream';

/**
 * The results archive of a batch, as Mailchimp serves it from `response_body_url`: a `.tar.gz` whose
 * regular files each hold a JSON array of `{status_code, operation_id, response}`, `response` being the
 * operation's answer as a JSON string. The URL is unauthenticated (Mailchimp hands out a pre-signed
 * storage link), so the token in it is random and unguessable.
 */
export type OperationResult = { status_code: number; operation_id: string | null; response: string };

/** Path prefix of archive downloads (outside `/3.0`: no API key, as with the real storage link). */
export const BATCH_RESULTS_PATH = '/batch-results/';

/** Operation results per file inside the archive (Mailchimp splits big batches over several files). */
const RESULTS_PER_FILE = 500;

const gzipAsync = promisify(gzip);

/** Packs the results into a tar.gz: a directory named after the batch with one JSON file per chunk. */
export async function buildArchive(batchId: string, results: readonly OperationResult[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  tar.entry({ name: `${batchId}/`, type: 'directory' });
  for (let i = 0, n = 0; i === 0 || i < results.length; i += RESULTS_PER_FILE, n += 1) {
    tar.entry({ name: `${batchId}/${n}.json` }, JSON.stringify(results.slice(i, i + RESULTS_PER_FILE)));
  }
  tar.finalize();
  await ended;
  return gzipAsync(Buffer.concat(chunks));
}

/** Serves `GET /batch-results/<token>.tar.gz`; anything else there is a plain 404. */
export function serveBatchArchive(find: (token: string) => Buffer | undefined, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const name = url.pathname.slice(BATCH_RESULTS_PATH.length);
  const archive = req.method === 'GET' && name.endsWith('.tar.gz') ? find(name.slice(0, -'.tar.gz'.length)) : undefined;
  if (!archive) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not Found');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/x-gzip', 'Content-Length': archive.length });
  res.end(archive);
}
