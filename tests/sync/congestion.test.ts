import { describe, expect, it } from 'vitest';
import { createCongestion } from '../../main/sync/congestion.js';
import { batchFailureAction, createOutageWatch } from '../../main/sync/push-failure.js';
import { appError } from '../../shared/domain/app-error.js';

describe('congestion: halve on 429, grow back additively', () => {
  it('starts at the cap, halves on a 429, ignores the rest of the burst, grows back one per window', () => {
    let t = 0;
    const changes: number[] = [];
    const c = createCongestion(5, { now: () => t, onChange: (n) => changes.push(n) });
    expect(c.limit()).toBe(5);
    c.onRateLimited();
    expect(c.limit()).toBe(2);
    // Other requests of the same burst meet 429 too: one cut is enough.
    t += 200;
    c.onRateLimited();
    expect(c.limit()).toBe(2);
    // One step per window of successes (the window is the current limit) up to just below the 429 level.
    c.onSuccess();
    expect(c.limit()).toBe(2);
    c.onSuccess();
    expect(c.limit()).toBe(3);
    for (let i = 0; i < 3; i++) c.onSuccess();
    expect(c.limit()).toBe(4);
    // Probing the level where the 429 came is ten times slower.
    for (let i = 0; i < 39; i++) c.onSuccess();
    expect(c.limit()).toBe(4);
    c.onSuccess();
    expect(c.limit()).toBe(5);
    c.onSuccess();
    expect(c.limit()).toBe(5);
    expect(changes).toEqual([2, 3, 4, 5]);
    t += 5_000;
    c.onRateLimited();
    expect(c.limit()).toBe(2);
  });

  it('never goes below 1 or above the cap (at most 10)', () => {
    let t = 0;
    const c = createCongestion(1, { now: () => t });
    c.onRateLimited();
    expect(c.limit()).toBe(1);
    for (let i = 0; i < 100; i++) c.onSuccess();
    expect(c.limit()).toBe(1);
    expect(createCongestion(25).limit()).toBe(10);
    t += 10_000;
  });
});

describe('batch failures and outages', () => {
  const fresh = { size: 500, transientFailures: 0, suspect: false };
  it('a 5xx is retried once whole, then the batch splits; halves of it split at once; a lone member fails after its second', () => {
    expect(batchFailureAction('retry', 'server', fresh)).toBe('again');
    expect(batchFailureAction('retry', 'server', { ...fresh, transientFailures: 1 })).toBe('split');
    expect(batchFailureAction('retry', 'network', { size: 250, transientFailures: 0, suspect: true })).toBe('split');
    expect(batchFailureAction('retry', 'server', { size: 1, transientFailures: 0, suspect: true })).toBe('again');
    expect(batchFailureAction('retry', 'server', { size: 1, transientFailures: 1, suspect: true })).toBe('fail');
  });
  it('a 429 is always sent again; refusals split at once; a lone member settles by kind', () => {
    expect(batchFailureAction('retry', 'rate_limit', { size: 1, transientFailures: 5, suspect: true })).toBe('again');
    expect(batchFailureAction('member', 'bad_request', fresh)).toBe('split');
    expect(batchFailureAction('member', 'bad_request', { ...fresh, size: 1 })).toBe('fail');
    expect(batchFailureAction('later', 'too_many_signups', { ...fresh, size: 1 })).toBe('later');
    expect(batchFailureAction('settle', 'compliance_state', { ...fresh, size: 1 })).toBe('settle');
    expect(batchFailureAction('stop', 'auth', fresh)).toBe('stop');
  });
  it('an outage is six failures in a row with no answer between', () => {
    const w = createOutageWatch();
    const e = appError('mailchimp_network', { detail: 'ECONNREFUSED: connect' });
    for (let i = 0; i < 5; i++) expect(w.failure(e)).toBeNull();
    w.success();
    for (let i = 0; i < 5; i++) expect(w.failure(e)).toBeNull();
    expect(w.failure(e)).toMatchObject({ code: 'sync_outage', params: { failures: 6, detail: 'ECONNREFUSED: connect' } });
  });
});
