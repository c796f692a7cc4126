import { describe, expect, it } from 'vitest';
import { foldInSteps } from './foldInSteps.js';

/** A queue of `n` entries whose fold costs `msPerEntry` on a fake clock; records each step's ask. */
function fakeQueue(n: number, msPerEntry: number, order: string[] = []) {
  let queue = n;
  let clock = 0;
  const asks: number[] = [];
  const foldStep = async (max: number) => {
    const taken = Math.min(max, queue);
    queue -= taken;
    clock += taken * msPerEntry;
    asks.push(max);
    order.push(`step ${taken}`);
    // Answers at once, as PGlite does: only the stepper's own yield lets this turn in.
    setImmediate(() => order.push('turn'));
    return taken;
  };
  return { foldStep, asks, now: () => clock, left: () => queue };
}

describe('folding the roll-up queue in steps', () => {
  it('folds until a step finds the queue short, with a turn of the event loop before each step', async () => {
    const order: string[] = [];
    const q = fakeQueue(25, 1, order);
    expect(await foldInSteps(q.foldStep, { entries: 10, budgetMs: 10 }, q.now)).toBe(25);
    expect(order).toEqual(['step 10', 'turn', 'step 10', 'turn', 'step 5']);
    expect(q.left()).toBe(0);
  });

  it('sizes each step to take about the budget at the rate of the step before', async () => {
    // Dear entries (a second's submissions): 50 took 100 ms, so the next asks for 10.
    const dear = fakeQueue(200, 2);
    await foldInSteps(dear.foldStep, { entries: 50, budgetMs: 20 }, dear.now);
    expect(dear.asks.slice(0, 3)).toEqual([50, 10, 10]);
    // Cheap entries (a directive's new tasks): 50 took 5 ms, so the next asks for 200.
    const cheap = fakeQueue(1000, 0.1);
    await foldInSteps(cheap.foldStep, { entries: 50, budgetMs: 20 }, cheap.now);
    expect(cheap.asks.slice(0, 3)).toEqual([50, 200, 200]);
    expect(cheap.left()).toBe(0);
  });

  it('takes one more step when the queue is a whole number of steps, and stops on the empty one', async () => {
    const q = fakeQueue(20, 1);
    expect(await foldInSteps(q.foldStep, { entries: 10, budgetMs: 10 }, q.now)).toBe(20);
    expect(q.asks).toEqual([10, 10, 10]);
  });

  it('refuses a policy it cannot follow, before folding anything', async () => {
    const q = fakeQueue(5, 1);
    await expect(foldInSteps(q.foldStep, { entries: 0, budgetMs: 10 })).rejects.toThrow(/entries must be a positive integer, got 0/);
    await expect(foldInSteps(q.foldStep, { entries: 10, budgetMs: 0 })).rejects.toThrow(/budgetMs must be a positive number, got 0/);
    expect(q.asks).toEqual([]);
  });
});
