import * as assert from 'node:assert/strict';
import { DisposableStore, toDisposable } from '../../../src/extension/disposableStore';

describe('DisposableStore (what each view owns)', () => {
  it('disposes what it holds, newest first, once; clear keeps it usable', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => order.push('first')));
    const second = store.add(toDisposable(() => order.push('second')));
    store.clear();
    assert.deepEqual(order, ['second', 'first']);
    second.dispose();
    assert.deepEqual(order, ['second', 'first'], 'a disposable made by toDisposable runs once');
    store.add(toDisposable(() => order.push('third')));
    store.dispose();
    store.dispose();
    assert.deepEqual(order, ['second', 'first', 'third']);
  });

  it('disposes at once what is added after it was disposed, and keeps disposing past a failure', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => order.push('kept going')));
    store.add({
      dispose: () => {
        throw new Error('broken');
      },
    });
    assert.throws(() => store.dispose(), /broken/);
    assert.deepEqual(order, ['kept going']);
    store.add(toDisposable(() => order.push('late')));
    assert.deepEqual(order, ['kept going', 'late']);
    assert.equal(store.isDisposed, true);
  });
});
