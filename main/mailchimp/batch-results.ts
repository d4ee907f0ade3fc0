/**
 * Reads the results archive of a Batch Operations request (`response_body_url`): a `.tar.gz` whose
 * regular files each hold a JSON array of `{status_code, operation_id, response}`, `response` being the
 * operation's own answer as a JSON string (NOTES §7). It is streamed (download → gunzip → tar), one file
 * at a time, and each operation is reduced at once to what the engine needs, so memory stays bounded by
 * one file of the archive, not the whole batch.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { redact } from '../logging/logger.js';
import { classifyHttpStatus, kindOfNetworkCode } from './classify-error.js';
import { MailchimpError } from './mailchimp-error.js';
import { marketingPermissionSchema, memberStatusSchema, problemSchema } from './schemas.js';

/** The member fields kept from an operation's answer (a member PUT echoes the whole record). */
export const batchResultMemberSchema = z.object({
  id: z.string(),
  email_address: z.string(),
  status: memberStatusSchema.optional(),
  last_changed: z.string().optional(),
  marketing_permissions: z.array(marketingPermissionSchema).optional(),
});
export type BatchResultMember = z.infer<typeof batchResultMemberSchema>;

/** One operation's outcome: the member on success (when the answer is a member), the classified error otherwise. */
export type BatchOperationResult = { operationId: string; statusCode: number; member?: BatchResultMember; error?: MailchimpError };

const entrySchema = z.object({ status_code: z.number().int(), operation_id: z.string().nullable().optional(), response: z.string().optional().default('') });

/** Limits against a broken or hostile archive. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

const OPERATION = 'batch operation';
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * The archive comes from Mailchimp's storage over HTTPS; plain HTTP only from a loopback simulator.
 * Anything else is refused rather than fetched.
 */
function checkArchiveUrl(raw: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || url.username || url.password || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))) {
    throw new MailchimpError({ kind: 'bad_response', detail: 'The batch results address is not an HTTPS link.', operation: 'GET response_body_url' });
  }
  return url;
}

/** One operation's entry reduced to its result; `response` is parsed and dropped. */
export function toOperationResult(entry: z.output<typeof entrySchema>): BatchOperationResult {
  const base = { operationId: entry.operation_id ?? '', statusCode: entry.status_code };
  let body: unknown;
  try {
    body = entry.response ? JSON.parse(entry.response) : undefined;
  } catch {
    body = undefined;
  }
  if (entry.status_code < 400) {
    const member = batchResultMemberSchema.safeParse(body);
    return member.success ? { ...base, member: member.data } : base;
  }
  const parsed = problemSchema.safeParse(body);
  const problem = parsed.success ? parsed.data : {};
  const title = problem.title === undefined ? undefined : redact(problem.title);
  const detail = problem.detail === undefined ? undefined : redact(problem.detail);
  const errors = (problem.errors ?? []).map((e) => ({ field: redact(e.field), message: redact(e.message) }));
  const kind = classifyHttpStatus(entry.status_code, { title, detail, errors });
  return { ...base, error: new MailchimpError({ kind, status: entry.status_code, title, detail, errors, instance: problem.instance, operation: OPERATION }) };
}

/** Parses one archive file (a JSON array of operation entries) into results. */
function parseFile(text: string, name: string): BatchOperationResult[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new MailchimpError({ kind: 'bad_response', detail: `Batch results file ${name} is not JSON.`, operation: OPERATION });
  }
  const entries = z.array(entrySchema).safeParse(data);
  if (!entries.success) throw new MailchimpError({ kind: 'bad_response', detail: `Batch results file ${name} has an unexpected shape.`, operation: OPERATION });
  return entries.data.map(toOperationResult);
}

/** Every operation result in a tar.gz stream (file names are not relied on: every regular file is read). */
export async function parseResultsArchive(gz: Readable): Promise<BatchOperationResult[]> {
  const results: BatchOperationResult[] = [];
  // Loaded when a batch's results are read, not at start (most commands never read one).
  const { extract } = await import('tar-stream');
  const tar = extract();
  let total = 0;
  let failure: unknown;
  tar.on('entry', (header, stream, next) => {
    if (header.type !== 'file' || failure) {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (data: unknown) => {
      const c = data as Buffer;
      size += c.length;
      total += c.length;
      if (size > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES) failure ??= new MailchimpError({ kind: 'bad_response', detail: 'The batch results archive is too large.', operation: OPERATION });
      else chunks.push(c);
    });
    stream.on('end', () => {
      if (!failure) {
        try {
          results.push(...parseFile(Buffer.concat(chunks).toString('utf8'), header.name));
        } catch (err) {
          failure = err;
        }
      }
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const bad = (err: Error) => reject(new MailchimpError({ kind: 'bad_response', detail: `The batch results archive is unreadable (${err.message}).`, operation: OPERATION }));
    const gunzip = createGunzip();
    gz.on('error', reject);
    gunzip.on('error', bad);
    tar.on('error', bad);
    tar.on('finish', resolve);
    gz.pipe(gunzip).pipe(tar);
  });
  if (failure) throw failure;
  return results;
}

export type DownloadOptions = { timeoutMs: number };

/** Downloads and parses the archive once (no API key is sent: it is a storage link). */
export async function downloadBatchResults(rawUrl: string, o: DownloadOptions): Promise<BatchOperationResult[]> {
  const url = checkArchiveUrl(rawUrl);
  const operation = 'GET response_body_url';
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (err) {
    const code = (err as { cause?: { code?: unknown } }).cause?.code;
    const name = (err as Error).name;
    const kind = typeof code === 'string' ? kindOfNetworkCode(code) : 'network';
    throw new MailchimpError({ kind, detail: redact(`${typeof code === 'string' ? code : name}: ${(err as Error).message}`), operation });
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    // A link that no longer works (403/404 from the storage) means the results expired.
    throw new MailchimpError({ kind: res.status >= 500 ? 'server' : 'not_found', status: res.status, detail: `The batch results could not be downloaded (HTTP ${res.status}).`, operation });
  }
  try {
    return await parseResultsArchive(Readable.fromWeb(res.body as WebReadableStream));
  } catch (err) {
    if (err instanceof MailchimpError) throw err;
    throw new MailchimpError({ kind: 'network', detail: redact(`download interrupted: ${(err as Error).message}`), operation });
  }
}
