import { describe, expect, it } from 'vitest';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { HashTable } from '../../main/sync/hash-table.js';

describe('HashTable (subscriber hashes held as 16 raw bytes)', () => {
  it('holds exactly the hashes added, through many growths, with their values', () => {
    const set = new HashTable({ values: false, initialSlots: 16 });
    const map = new HashTable({ values: true, initialSlots: 16 });
    const n = 50_000;
    let refused = 0;
    for (let i = 0; i < n; i++) {
      if (!set.add(subscriberHash(`client${i}@shop.bg`))) refused += 1;
      map.set(subscriberHash(`client${i}@shop.bg`), i * 3);
    }
    expect(refused).toBe(0);
    expect(set.size).toBe(n);
    expect(map.size).toBe(n);
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) {
      const ok = set.has(subscriberHash(`client${i}@shop.bg`)) && map.get(subscriberHash(`client${i}@shop.bg`)) === i * 3;
      // Never added: not found (the full 128 bits are compared, not a fingerprint).
      const absent = !set.has(subscriberHash(`other${i}@shop.bg`)) && map.get(subscriberHash(`other${i}@shop.bg`)) === undefined;
      if (!ok || !absent) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    // Listing gives back exactly the hashes added, each once.
    expect([...set.hashes()].sort()).toEqual(Array.from({ length: n }, (_, i) => subscriberHash(`client${i}@shop.bg`)).sort());
    // Adding again reports a duplicate and changes nothing; set replaces the value.
    expect(set.add(subscriberHash('client5@shop.bg'))).toBe(false);
    expect(set.size).toBe(n);
    map.set(subscriberHash('client5@shop.bg'), -1);
    expect(map.get(subscriberHash('client5@shop.bg'))).toBe(-1);
    expect(map.size).toBe(n);
  });

  it('tells apart hashes that share their first 32 bits (same slot) and refuses what is not a hash', () => {
    const t = new HashTable({ values: true, initialSlots: 16 });
    const a = '0123456789abcdef0123456789abcdef';
    const b = '0123456789abcdef0123456789abcdee';
    const c = '01234567ffffffffffffffffffffffff';
    t.set(a, 1);
    t.set(b, 2);
    expect(t.get(a)).toBe(1);
    expect(t.get(b)).toBe(2);
    expect(t.get(c)).toBeUndefined();
    t.set(c, 3);
    expect([t.get(a), t.get(b), t.get(c), t.size]).toEqual([1, 2, 3, 3]);
    expect([...t.hashes()].sort()).toEqual([a, b, c].sort());
    expect([...new HashTable({ values: false }).hashes()]).toEqual([]);
    expect(() => t.has('abc')).toThrow(/not a subscriber hash/);
    expect(() => t.has('zz23456789abcdef0123456789abcdef')).toThrow(/not a subscriber hash/);
  });
});
