import { describe, expect, it } from 'vitest';
import { SortedLookup } from '../../src/db/sorted-lookup.js';

async function* from<T>(items: T[]) {
  yield* items;
}

describe('SortedLookup (merge join over a sorted cursor)', () => {
  const rows = [
    { k: 'a', v: 1 },
    { k: 'c', v: 2 },
    { k: 'c', v: 3 },
    { k: 'e', v: 4 },
  ];

  it('gives every item of an asked key, skipping keys nobody asked for', async () => {
    const lookup = new SortedLookup(from(rows), (r) => r.k);
    expect(await lookup.take('b')).toEqual([]);
    expect((await lookup.take('c')).map((r) => r.v)).toEqual([2, 3]);
    expect(await lookup.take('d')).toEqual([]);
    expect((await lookup.take('e')).map((r) => r.v)).toEqual([4]);
    expect(await lookup.take('f')).toEqual([]);
  });

  it('keeps an item whose key is larger than the one asked for the next question', async () => {
    const lookup = new SortedLookup(from(rows), (r) => r.k);
    expect(await lookup.take('0')).toEqual([]);
    expect((await lookup.take('a')).map((r) => r.v)).toEqual([1]);
  });

  it('walks what is left in order, for the side that drives the join', async () => {
    const lookup = new SortedLookup(from(rows), (r) => r.k);
    await lookup.take('a');
    const rest: number[] = [];
    for await (const r of lookup.remaining()) rest.push(r.v);
    expect(rest).toEqual([2, 3, 4]);
  });

  it('reports a failed query when it is read, not when it starts', async () => {
    async function* failing(): AsyncGenerator<{ k: string }> {
      yield* [];
      throw new Error('query failed');
    }
    const lookup = new SortedLookup(failing(), (r) => r.k);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(lookup.take('a')).rejects.toThrow('query failed');
  });

  it('orders ObjectId hex strings like the ids themselves', () => {
    const ids = ['65a000000000000000000010', '65a00000000000000000000f', '65a0000000000000000000a0'];
    expect([...ids].sort()).toEqual([ids[1], ids[0], ids[2]]);
  });
});
