/** A deterministic random generator, so generated tests and benchmarks are the same on every run. */

/** Numbers below `below`, from xorshift32: exact in 32-bit integer arithmetic, so the sequence is the same on every machine. */
export function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}
