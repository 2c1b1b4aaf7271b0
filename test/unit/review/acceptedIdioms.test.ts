import * as assert from 'node:assert/strict';
import { emptyCatch } from '../../../src/core/review/emptyCatch';
import { looseEquality } from '../../../src/core/review/looseEquality';
import { ruleFindings } from './ruleFindings';

describe('review idioms that are not findings', () => {
  it('empty-catch: `catch (_)` and `catch (_error)` mark the error as ignored on purpose; `catch {}` and `catch (e) {}` do not', () => {
    assert.deepEqual(ruleFindings(emptyCatch, [
      'export function f(s: string): unknown {',
      '  try { return JSON.parse(s); } catch (_) {}',
      '  try { return JSON.parse(s); } catch (_error) {}',
      '  try { return JSON.parse(s); } catch {}',
      '  try { return JSON.parse(s); } catch (error) {}',
      '  return undefined;',
      '}',
    ]), ['4 warning: catch {}', '5 warning: catch (error) {}']);
  });

  it('loose-equality: `typeof x == "string"` and `== null` compare without coercion; other `==` still do', () => {
    assert.deepEqual(ruleFindings(looseEquality, [
      'export function f(x: unknown, n: number, s: string): boolean {',
      '  if (typeof x == "string" || "number" != typeof x || x == null) return true;',
      '  return n == Number(s) || typeof x == s;',
      '}',
    ]), ['3 warning: ==', '3 warning: ==']);
  });
});
