import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { parseFaultSpec } from '../../mailchimp-simulator/faults.js';

type SimulatorCliOptions = {
  port: number;
  latency: number;
  perMember: number;
  state?: string;
  faults?: string;
  seed: number;
  fakeDomains?: string[];
  textOverflow: 'clip' | 'reject';
  maxConnections: number;
  demo: boolean;
  json?: boolean;
  neighbour: number;
  review?: boolean;
  gdpr?: boolean;
  batchDelay: number;
  locale: 'en' | 'de';
  deletedAsCompliance?: boolean;
  tooManySignups?: string[];
};

/** Default port: fixed, so a URL saved in the app's settings keeps working across restarts. */
export const DEFAULT_SIMULATOR_PORT = 4010;

/** A commander parser for a non-negative integer option. */
function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function faultSpec(value: string): string {
  try {
    parseFaultSpec(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return value;
}

function locale(value: string): 'en' | 'de' {
  if (value !== 'en' && value !== 'de') throw new InvalidArgumentError('expected en or de');
  return value;
}

function overflow(value: string): 'clip' | 'reject' {
  if (value !== 'clip' && value !== 'reject') throw new InvalidArgumentError('expected clip or reject');
  return value;
}

/** Resolves when the process gets SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `barsy-sync simulator`: runs the local Mailchimp simulator until SIGINT/SIGTERM. It needs no database,
 * so it never opens the CLI runtime; the simulator module is imported only when the command runs.
 */
export function registerSimulatorCommand(program: Command): void {
  program
    .command('simulator')
    .description('run a local Mailchimp Marketing API simulator on 127.0.0.1')
    .option('--port <n>', 'TCP port; 0 picks a free one', nonNegativeInt, DEFAULT_SIMULATOR_PORT)
    .option('--latency <ms>', 'delay added to every request', nonNegativeInt, 0)
    .option('--per-member <ms>', 'extra delay per member in batch subscribe', nonNegativeInt, 0)
    .option('--state <file>', 'JSON state: loaded at start if present, saved on exit')
    .option('--faults <spec>', 'fault injection, e.g. "PUT /lists/*/members/*:500:0.05,*:reset:0.02"', faultSpec)
    .option('--seed <n>', 'seed for ids, the API key and faults', nonNegativeInt, 1)
    .option('--fake-domains <list>', 'comma-separated domains refused as fake', (v: string) => v.split(',').map((d) => d.trim()).filter(Boolean))
    .option('--text-overflow <mode>', 'text merge values over 255 bytes: clip or reject', overflow, 'clip')
    .option('--max-connections <n>', 'simultaneous requests per key before 429', nonNegativeInt, 10)
    .option('--no-demo', 'start with an empty audience instead of the demo shop')
    .option('--neighbour <n>', "another integration holding N of the account's connections", nonNegativeInt, 0)
    .option('--review', 'new members sent as subscribed become pending (account under review)')
    .option('--gdpr', 'the audience has marketing permissions (GDPR fields)')
    .option('--batch-delay <ms>', 'how long POST /batches stays pending before it runs', nonNegativeInt, 200)
    .option('--locale <lang>', 'language of error messages: en or de', locale, 'en')
    .option('--deleted-as-compliance', 'permanently deleted addresses answer "Member In Compliance State"')
    .option('--too-many-signups <list>', 'comma-separated addresses that "signed up to a lot of lists very recently"', (v: string) => v.split(',').map((d) => d.trim()).filter(Boolean))
    .option('--json', 'print one JSON line {"baseUrl","apiKey","listId"} once listening')
    .action(async (opts: SimulatorCliOptions) => {
      const { startSimulator } = await import('../../mailchimp-simulator/index.js');
      const sim = await startSimulator({
        port: opts.port,
        latencyMs: opts.latency,
        perMemberMs: opts.perMember,
        stateFile: opts.state,
        faults: opts.faults,
        seed: opts.seed,
        fakeDomains: opts.fakeDomains,
        textOverflow: opts.textOverflow,
        maxConnections: opts.maxConnections,
        seedDemo: opts.demo,
        neighbour: opts.neighbour,
        review: opts.review,
        gdpr: opts.gdpr,
        batchDelayMs: opts.batchDelay,
        locale: opts.locale,
        deletedAsCompliance: opts.deletedAsCompliance,
        tooManySignups: opts.tooManySignups,
      }).catch((err: Error) => {
        // e.g. EADDRINUSE: say why in one line instead of the generic internal error.
        process.stderr.write(`simulator: cannot start: ${err.message}\n`);
        throw new CommanderError(1, 'simulator.start', err.message);
      });
      const stopped = untilSignal();
      const { baseUrl, apiKey, listId } = sim;
      if (opts.json) process.stdout.write(`${JSON.stringify({ baseUrl, apiKey, listId })}\n`);
      else {
        process.stdout.write(`Mailchimp simulator listening on ${baseUrl}\n  API key: ${apiKey}\n  List ID: ${listId}\n`);
        process.stdout.write(`  stats:   http://127.0.0.1:${sim.port}/__simulator/stats (needs the API key)\nPress Ctrl+C to stop.\n`);
      }
      await stopped;
      await sim.close();
      if (!opts.json) process.stdout.write(opts.state ? `State saved to ${opts.state}\n` : 'Stopped.\n');
    });
}
