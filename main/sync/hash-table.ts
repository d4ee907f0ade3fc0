/**
 * Subscriber hashes (32 hex digits of an MD5) → a number, held as 16 raw bytes each in typed arrays
 * (open addressing, linear probing). A plan must know every eligible member of the run (duplicates,
 * removals); a million hex strings in a `Set` cost about 80 MB of heap, which the garbage collector then
 * roughly doubles. Here a million cost about 34 MB outside the heap (50 MB with values), exactly (the full 128 bits are kept).
 */
export class HashTable {
  private keys: Uint32Array;
  /** Absent for a plain set (8 bytes a slot saved). */
  private values: Float64Array | null;
  private used: Uint8Array;
  private mask: number;
  private count = 0;
  /** The key being looked up, parsed once (no string slicing per lookup). */
  private readonly k = new Uint32Array(4);
  /** Where the last `find` ended. */
  private slot = 0;

  constructor(opts: { values: boolean; initialSlots?: number }) {
    let slots = 16;
    while (slots < (opts.initialSlots ?? 1 << 12)) slots *= 2;
    this.keys = new Uint32Array(slots * 4);
    this.values = opts.values ? new Float64Array(slots) : null;
    this.used = new Uint8Array(slots);
    this.mask = slots - 1;
  }

  /** Hashes stored. */
  get size(): number {
    return this.count;
  }

  has(hash: string): boolean {
    return this.find(hash);
  }

  /** The value stored for `hash`, if any. */
  get(hash: string): number | undefined {
    return this.find(hash) ? (this.values?.[this.slot] ?? 0) : undefined;
  }

  /** Stores `hash` (with `value`); an existing entry keeps its value. Returns whether it was new. */
  add(hash: string, value = 0): boolean {
    if (this.find(hash)) return false;
    this.insertAtSlot(value);
    return true;
  }

  /** Stores `hash` with `value`, replacing the value of an existing entry. */
  set(hash: string, value: number): void {
    if (!this.find(hash)) this.insertAtSlot(value);
    else if (this.values) this.values[this.slot] = value;
  }

  /** Every stored hash (32 lowercase hex digits), in no particular order. */
  *hashes(): Generator<string> {
    const { keys, used } = this;
    for (let s = 0; s < used.length; s++) {
      if (used[s] !== 1) continue;
      let hex = '';
      for (let w = 0; w < 4; w++) hex += keys[s * 4 + w]!.toString(16).padStart(8, '0');
      yield hex;
    }
  }

  /** Fills the free slot the last `find` stopped at with its key. */
  private insertAtSlot(value: number): void {
    const s = this.slot;
    this.used[s] = 1;
    this.keys.set(this.k, s * 4);
    if (this.values) this.values[s] = value;
    this.count += 1;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  /** Parses `hash` into `k`, leaves `slot` at its entry or at the free slot where it would go; true when found. */
  private find(hash: string): boolean {
    if (hash.length !== 32) throw new Error(`not a subscriber hash: ${hash}`);
    const k = this.k;
    for (let w = 0; w < 4; w++) {
      let v = 0;
      for (let i = w * 8; i < w * 8 + 8; i++) {
        const c = hash.charCodeAt(i);
        const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
        if (d < 0) throw new Error(`not a subscriber hash: ${hash}`);
        v = (v << 4) | d;
      }
      k[w] = v >>> 0;
    }
    // MD5 bits are uniform already: the first word is a good slot.
    let s = k[0]! & this.mask;
    const keys = this.keys;
    while (this.used[s] === 1) {
      const o = s * 4;
      if (keys[o] === k[0] && keys[o + 1] === k[1] && keys[o + 2] === k[2] && keys[o + 3] === k[3]) {
        this.slot = s;
        return true;
      }
      s = (s + 1) & this.mask;
    }
    this.slot = s;
    return false;
  }

  private grow(): void {
    const { keys, values, used } = this;
    const slots = (this.mask + 1) * 2;
    this.keys = new Uint32Array(slots * 4);
    this.values = values ? new Float64Array(slots) : null;
    this.used = new Uint8Array(slots);
    this.mask = slots - 1;
    for (let s = 0; s < used.length; s++) {
      if (used[s] !== 1) continue;
      let t = keys[s * 4]! & this.mask;
      while (this.used[t] === 1) t = (t + 1) & this.mask;
      this.used[t] = 1;
      for (let w = 0; w < 4; w++) this.keys[t * 4 + w] = keys[s * 4 + w]!;
      if (this.values && values) this.values[t] = values[s]!;
    }
  }
}
