import { spawn } from 'node:child_process';
import { AppFailure } from '../../shared/domain/app-error.js';

export type ToolResult = { code: number; stdout: string; stderr: string };

/** Runs an OS tool (`schtasks`, `launchctl`, `systemctl`, `crontab`) found on PATH, without a shell. */
export function runTool(program: string, args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), opts.timeoutMs ?? 30_000);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Not installed: code 127, as a shell would say.
      resolve({ code: err.code === 'ENOENT' ? 127 : 1, stdout, stderr: stderr || err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs a tool and turns a failure into one clear, translated message naming the tool and what it said. */
export async function mustRun(program: string, args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  const r = await runTool(program, args, opts);
  if (r.code !== 0) {
    const said = (r.stderr || r.stdout).trim().split('\n')[0]?.slice(0, 300) ?? '';
    throw new AppFailure('schedule_register_failed', { tool: `${program} ${args[0] ?? ''}`.trim(), detail: r.code === 127 ? 'not found' : said || `exit ${r.code}` });
  }
  return r;
}
