/**
 * Who is sending a run's report email right now, and until when the claim holds (a process killed
 * mid-send leaves a claim that expires). A send starts only by taking the claim in one UPDATE, so two
 * processes (the app's retry timer and a scheduled run, or two CLIs) never mail the same report twice.
 * Owned by main/runs/ (report email bookkeeping). Forward-only.
 */
export const migration063 = {
  version: 63,
  name: 'report-send-claim',
  sql: `
ALTER TABLE run_reports ADD COLUMN sending_by TEXT;
ALTER TABLE run_reports ADD COLUMN sending_until TEXT;
`,
};
