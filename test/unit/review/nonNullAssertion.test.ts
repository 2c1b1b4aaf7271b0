import * as assert from 'node:assert/strict';
import { nonNullAssertion } from '../../../src/core/review/nonNullAssertion';
import { inferredOptions } from '../../../src/core/typescript/configFile';
import { ruleFindings } from './ruleFindings';

describe('non-null-assertion', () => {
  it('reports a `!` on a value that may be missing, as a hint', () => {
    assert.deepEqual(ruleFindings(nonNullAssertion, [
      'export function f(xs: string[], m: Map<string, number>, o: { a?: string }): number {',
      '  return xs.find((x) => x === "a")!.length + m.get("k")! + o.a!.length;',
      '}',
    ]), ['2 hint: xs.find((x) => x === "a")!', '2 hint: m.get("k")!', '2 hint: o.a!']);
  });

  it('does not report a `!` the checker has already made redundant, or on `any`', () => {
    assert.deepEqual(ruleFindings(nonNullAssertion, [
      'export function f(a: string | undefined, b: string, c: any): number {',
      '  if (!a) return 0;',
      '  return a!.length + b!.length + c!.length;',
      '}',
    ]), []);
  });

  it('does not report a `!` after a guard the checker cannot use: map.has, a test outside a callback, an own-key loop', () => {
    assert.deepEqual(ruleFindings(nonNullAssertion, [
      'export function f(m: Map<string, number[]>, k: string, ys: string[]): number {',
      '  if (!m.has(k)) m.set(k, []);',
      '  m.get(k)!.push(1);',
      '  let total = m.has("a") ? m.get("a")!.length : 0;',
      '  if (m.has("b") && m.get("b")!.length > 1) total++;',
      '  let last: string | undefined = ys[0];',
      '  if (last) total += ys.filter((y) => y === last!).length;',
      '  last = undefined;',
      '  return total;',
      '}',
      'export function h(m: Map<string, number>, k: string, xs: (string | undefined)[]): number {',
      '  if (!m.has(k)) return 0;',
      '  let first = xs[0];',
      '  if (first != null) xs.forEach(() => console.log(first!.length));',
      '  first = undefined;',
      '  return m.get(k)!;',
      '}',
      'export function g(source: object): void {',
      '  for (const key of Reflect.ownKeys(source)) console.log(Object.getOwnPropertyDescriptor(source, key)!.enumerable);',
      '}',
    ]), []);
  });

  it('still reports a `!` whose guard does not cover it: another key, an if that neither leaves nor fills in, a for-in loop (inherited keys have no own descriptor)', () => {
    assert.deepEqual(ruleFindings(nonNullAssertion, [
      'export function f(m: Map<string, number>, table: object): number {',
      '  if (m.has("a")) return m.get("b")!;',
      '  if (!m.has("c")) console.log("none"); else return m.get("d")!;',
      '  if (!m.has("e")) console.log("missing");',
      '  if (m.get("e")! > 1) return 1;',
      '  for (const key in table) console.log(Object.getOwnPropertyDescriptor(table, key)!.enumerable);',
      '  return 0;',
      '}',
    ]), ['2 hint: m.get("b")!', '3 hint: m.get("d")!', '5 hint: m.get("e")!', '6 hint: Object.getOwnPropertyDescriptor(table, key)!']);
  });

  it('reports nothing without strictNullChecks: the compiler does not track null there, so `!` hides no check', () => {
    const source = ['export const f = (m: Map<string, number>): number => m.get("k")!;'];
    assert.deepEqual(ruleFindings(nonNullAssertion, source, { ...inferredOptions(), strict: false, strictNullChecks: false }), []);
    assert.deepEqual(ruleFindings(nonNullAssertion, source, { ...inferredOptions(), strict: true, strictNullChecks: false }), []);
    assert.deepEqual(ruleFindings(nonNullAssertion, source, { ...inferredOptions(), strict: false, strictNullChecks: true }), ['1 hint: m.get("k")!']);
  });
});
