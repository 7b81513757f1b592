// In-process registry for standalone (and fixed node lists from config): same contract as etcd, no network.
// One instance is one registry: every tier of a process shares it, as processes share one etcd.
import { MemoryClaims, type Claims } from "./claims";
import type { Discovery, NodeInfo, Registration, Service, Watch, WatchHandler } from "./discovery";

/** Nodes known from configuration, for clusters that run without etcd. */
export type StaticNodes = Partial<Record<Service, NodeInfo[]>>;

const byId = (a: NodeInfo, b: NodeInfo) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class StaticDiscovery implements Discovery {
  private readonly nodes = new Map<Service, Map<string, NodeInfo>>();
  // One entry per watch() call, so the same function watched twice is closed once per watch.
  private readonly watchers = new Map<Service, Set<{ handler: WatchHandler }>>();
  private readonly claimTables = new Map<string, Map<string, string>>();

  constructor(fixed: StaticNodes = {}) {
    for (const [service, list] of Object.entries(fixed) as Array<[Service, NodeInfo[]]>) {
      for (const n of list) this.service(service).set(n.id, n);
    }
  }

  private service(service: Service): Map<string, NodeInfo> {
    let m = this.nodes.get(service);
    if (!m) {
      m = new Map();
      this.nodes.set(service, m);
    }
    return m;
  }

  private list(service: Service): NodeInfo[] {
    return [...this.service(service).values()].sort(byId);
  }

  private notify(service: Service): void {
    const nodes = this.list(service);
    for (const w of this.watchers.get(service) ?? []) w.handler(nodes);
  }

  /** Watchers are called before register() resolves. A node with an id already present replaces it. */
  async register(service: Service, node: NodeInfo): Promise<Registration> {
    this.service(service).set(node.id, node);
    this.notify(service);
    return {
      deregister: async () => {
        // Only if still ours: a later registration under the same id is left alone.
        if (this.service(service).get(node.id) !== node) return;
        this.service(service).delete(node.id);
        this.notify(service);
      },
    };
  }

  /** The handler is called with the current nodes before watch() resolves, then synchronously on every change. */
  async watch(service: Service, handler: WatchHandler): Promise<Watch> {
    let set = this.watchers.get(service);
    if (!set) {
      set = new Set();
      this.watchers.set(service, set);
    }
    const entry = { handler };
    set.add(entry);
    handler(this.list(service));
    const list = () => this.list(service);
    return {
      get nodes() {
        return list();
      },
      close: async () => {
        set.delete(entry);
      },
    };
  }

  claims(group: string, holder: string): Claims {
    let table = this.claimTables.get(group);
    if (!table) this.claimTables.set(group, (table = new Map()));
    return new MemoryClaims(table, holder);
  }

  /** Stops every watch; the registry keeps its nodes (nothing outside the process can see them anyway). */
  async close(): Promise<void> {
    this.watchers.clear();
  }
}
