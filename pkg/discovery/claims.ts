// Names a node holds alone while it lives (job nodes hold room partitions): the first to take a free name holds it
// until it gives it up, or until it dies and its lease ends. etcd in a cluster (claims_etcd.ts), memory in one process.

export interface Claims {
  /** The holder of every claimed name in the group; rejects when the registry cannot be read. */
  holders(): Promise<Map<string, string>>;
  /** Takes the name if nobody holds it; resolves true when this node holds it (now or already). */
  take(name: string): Promise<boolean>;
  /** Gives the name up, if this node holds it. */
  give(name: string): Promise<void>;
  /** Gives up every name this node holds. */
  close(): Promise<void>;
  /** False once the names this node took may have gone to another node (etcd: the lease was lost). */
  alive(): boolean;
}

/** Claims inside one process: a map shared by everything that asks the same registry for the same group. */
export class MemoryClaims implements Claims {
  constructor(
    private readonly table: Map<string, string>,
    private readonly holder: string,
  ) {}

  async holders(): Promise<Map<string, string>> {
    return new Map(this.table);
  }

  async take(name: string): Promise<boolean> {
    const h = this.table.get(name);
    if (h === undefined) this.table.set(name, this.holder);
    return (h ?? this.holder) === this.holder;
  }

  async give(name: string): Promise<void> {
    if (this.table.get(name) === this.holder) this.table.delete(name);
  }

  async close(): Promise<void> {
    for (const [name, h] of [...this.table]) if (h === this.holder) this.table.delete(name);
  }

  alive(): boolean {
    return true;
  }
}
