// Minimal typings for the parts of node:test and node:assert/strict used by
// the tests, so the sample compiles with plain `typescript` (no @types/node).

declare module "node:test" {
  type TestFn = () => void | Promise<void>;
  export function describe(name: string, fn: () => void): void;
  export function it(name: string, fn: TestFn): void;
}

declare module "node:assert/strict" {
  type ErrorMatcher = RegExp | { new (...args: never[]): Error };
  function assert(value: unknown, message?: string): asserts value;
  namespace assert {
    function ok(value: unknown, message?: string): asserts value;
    function equal(actual: unknown, expected: unknown, message?: string): void;
    function notEqual(actual: unknown, expected: unknown, message?: string): void;
    function deepEqual(actual: unknown, expected: unknown, message?: string): void;
    function match(value: string, pattern: RegExp, message?: string): void;
    function throws(fn: () => unknown, expected?: ErrorMatcher, message?: string): void;
  }
  export = assert;
}
