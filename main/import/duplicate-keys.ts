/**
 * Finds the clients that may share an email while the file streams, without an index on the email and
 * without keeping a million strings: each valid email key is reduced to a 32-bit FNV-1a hash in an
 * open-addressing table of typed arrays (8 bytes a slot). A hash seen before makes both clients
 * candidates; the exact comparison of the keys is left to `markDuplicates` over the candidates' rows,
 * so two different addresses with one hash (rare) are simply not grouped there. An index on
 * (import_id, email_key) cost about 5 % of an import for this one question (migration 074; 077 dropped the column).
 */
export class DuplicateKeys {
  private hashes: Int32Array;
  /** The first client id seen per slot; 0 = empty slot (client ids start at 1). */
  private firsts: Float64Array;
  /** Slots whose first client is already a candidate. */
  private flagged: Uint8Array;
  private mask: number;
  private count = 0;
  private readonly candidates: number[] = [];

  constructor(initialSlots = 1 << 14) {
    let slots = 16;
    while (slots < initialSlots) slots *= 2;
    this.hashes = new Int32Array(slots);
    this.firsts = new Float64Array(slots);
    this.flagged = new Uint8Array(slots);
    this.mask = slots - 1;
  }

  /** Notes one client's (valid, lower-cased) email key. */
  add(key: string, clientId: number): void {
    const h = fnv1a(key);
    let slot = h & this.mask;
    while (this.firsts[slot] !== 0) {
      if (this.hashes[slot] === h) {
        if (this.flagged[slot] === 0) {
          this.flagged[slot] = 1;
          this.candidates.push(this.firsts[slot]!);
        }
        this.candidates.push(clientId);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.hashes[slot] = h;
    this.firsts[slot] = clientId;
    if (++this.count * 2 > this.mask) this.grow();
  }

  /** The ids of every client whose email hash was seen more than once, ascending. */
  candidateIds(): number[] {
    return [...this.candidates].sort((a, b) => a - b);
  }

  private grow(): void {
    const { hashes, firsts, flagged } = this;
    const slots = hashes.length * 2;
    this.hashes = new Int32Array(slots);
    this.firsts = new Float64Array(slots);
    this.flagged = new Uint8Array(slots);
    this.mask = slots - 1;
    for (let i = 0; i < hashes.length; i++) {
      if (firsts[i] === 0) continue;
      let slot = hashes[i]! & this.mask;
      while (this.firsts[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hashes[i]!;
      this.firsts[slot] = firsts[i]!;
      this.flagged[slot] = flagged[i]!;
    }
  }
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
