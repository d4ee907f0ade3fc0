import { appError } from '../../../shared/domain/app-error.js';
import type { Language } from '../../../shared/i18n/messages.js';
import { CliExit } from '../cli-context.js';

/**
 * Reading a setting's value without putting it on the command line, where it would show in the process
 * list, the shell history and a scheduled task's definition: from standard input (`-`) or, on a
 * terminal, from a prompt that does not echo what is typed.
 */

/** All of standard input as text, with one trailing newline (`\n` or `\r\n`) dropped, as `echo` adds one. */
export async function readStdinValue(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const PROMPT: Record<Language, (key: string) => string> = {
  bg: (key) => `Стойност за ${key} (не се показва): `,
  en: (key) => `Value for ${key} (not shown): `,
};

/**
 * Asks for a value on the terminal with echo off (raw mode): Enter ends it, Backspace deletes, Ctrl+C
 * cancels (exit 130), Ctrl+D ends it like Enter. The prompt goes to stderr, so stdout stays clean.
 */
export function promptHidden(key: string, lang: Language): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(PROMPT[lang](key));
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new CliExit(appError('setting_value_missing', { key }), 130));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}
