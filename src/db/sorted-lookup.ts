/**
 * Reads a cursor sorted by a key alongside another walk in the same order: a merge join. FerretDB cannot
 * use secondary indexes, so a `$in` lookup per batch rescans the whole collection each time; one sorted
 * pass per collection reads every document once and keeps only the current key in memory.
 */
export class SortedLookup<T> {
  private readonly source: AsyncIterator<T>;
  private head: T | undefined;
  private exhausted = false;
  private first: Promise<IteratorResult<T>> | null;

  /** Starts the query at once, so the lookups of one join run their (sorting) queries side by side. */
  constructor(
    source: AsyncIterable<T>,
    private readonly keyOf: (item: T) => string,
  ) {
    this.source = source[Symbol.asyncIterator]();
    this.first = this.source.next();
    // Handled here so a join abandoned before its first take cannot crash the process; take() rethrows.
    this.first.catch(() => undefined);
  }

  /**
   * The items whose key equals `key`. Keys must be asked in ascending order (the cursor's sort order);
   * items with smaller keys that nobody asked for are skipped.
   */
  async take(key: string): Promise<T[]> {
    const found: T[] = [];
    for (;;) {
      const item = await this.peek();
      if (item === undefined) return found;
      const itemKey = this.keyOf(item);
      if (itemKey > key) return found;
      if (itemKey === key) found.push(item);
      this.head = undefined;
    }
  }

  /** Every item not yet taken, in order: for the side that drives the join. */
  async *remaining(): AsyncGenerator<T> {
    for (let item = await this.peek(); item !== undefined; item = await this.peek()) {
      this.head = undefined;
      yield item;
    }
  }

  private async peek(): Promise<T | undefined> {
    if (this.head === undefined && !this.exhausted) {
      const next = await (this.first ?? this.source.next());
      this.first = null;
      if (next.done) this.exhausted = true;
      else this.head = next.value;
    }
    return this.head;
  }
}

/** ObjectIds as sort keys: 24 lower-case hex digits order the same way as the ids' bytes. */
export const idKey = (id: unknown): string => String(id);
