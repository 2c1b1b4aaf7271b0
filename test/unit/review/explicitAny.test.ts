import * as assert from 'node:assert/strict';
import { explicitAny } from '../../../src/core/review/explicitAny';
import { ruleFindings } from './ruleFindings';

const lines = (found: string[]) => found.map((item) => Number(item.split(' ')[0]));

describe('explicit-any', () => {
  it('reports `any` that types a value, as a hint', () => {
    const found = ruleFindings(explicitAny, [
      'export function f(raw: any): any { return raw; }',
      'export const xs: Promise<any>[] = [];',
      'export const bag: Record<string, any> = {};',
      'export interface Options { registry?: Map<string, any>; wrap?: (value: any) => void }',
      'export const n = (JSON.parse("1") as any) + 1;',
      'export type Fn = (value: any) => void;',
      'export class C { run(...args: any[]): void { console.log(args); } }',
      'export interface Overloaded { input(...args: any[]): void }',
    ]);
    assert.deepEqual(lines(found), [1, 1, 2, 3, 4, 4, 5, 6, 7, 8]);
    assert.ok(found.every((item) => item.includes(' hint: any')), found.join('\n'));
  });

  it('does not report `any` in type-level positions', () => {
    assert.deepEqual(ruleFindings(explicitAny, [
      'export type Last<T extends any[]> = T extends [...any[], infer L] ? L : never;',
      'export type Ret<F> = F extends (...args: any[]) => infer R ? R : any;',
      'export type Guarded<C> = C extends (arg: any) => arg is infer R ? R : never;',
      'export type Input<T> = T extends { _zod: { input: any } } ? T["_zod"]["input"] : unknown;',
      'export type Loose<T> = { [K in keyof T]: any };',
      'export function first<T = any>(xs: T[]): T | undefined { return xs[0]; }',
      'export interface Box<V> { value: V }',
      'export type AnyBox = Box<any>;',
      'export interface AnyBoxes extends Box<Box<any>> { count: number }',
      'export type AnyFunction = (...args: any[]) => any;',
      'export type BuiltIn = ((...args: any[]) => any) | (new (...args: any[]) => any) | Date;',
      'export type Infer<T> = T extends Box<infer U extends any[]> ? U : never;',
    ]), []);
  });

  it('does not report the inner `any` of `as any as T`, nor a parameter its function never reads', () => {
    assert.deepEqual(ruleFindings(explicitAny, [
      'export const n = ("1" as any as number) + 1;',
      'export const m = (<number>(<any>"1")) + 1;',
      'export const noop = (..._args: any[]): void => {};',
      'export const used = (...args: any[]): number => args.length;',
    ]), ['4 hint: any']);
  });
});
