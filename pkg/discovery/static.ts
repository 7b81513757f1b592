// In-process registry for standalone (and fixed node lists from config): same contract as etcd, no network.
import type { Discovery, NodeInfo, Registration, Service, Watch, WatchHandler } from "./discovery";

export type StaticNodes = Partial<Record<Service, NodeInfo[]>>;

export class StaticDiscovery implements Discovery {
  private readonly nodes = new Map<Service, Map<string, NodeInfo>>();
  private readonly watchers = new Map<Service, Set<WatchHandler>>();

  constructor(fixed: StaticNodes = {}) {
    for (const [service, list] of Object.entries(fixed) as Array<[Service, NodeInfo[]]>) {
      for (const n of list) this.set(service).set(n.id, n);
    }
  }

  private set(service: Service): Map<string, NodeInfo> {
    let m = this.nodes.get(service);
    if (!m) {
      m = new Map();
      this.nodes.set(service, m);
    }
    return m;
  }

  private list(service: Service): NodeInfo[] {
    return [...this.set(service).values()];
  }

  private notify(service: Service): void {
    const nodes = this.list(service);
    for (const h of this.watchers.get(service) ?? []) h(nodes);
  }

  async register(service: Service, node: NodeInfo): Promise<Registration> {
    this.set(service).set(node.id, node);
    this.notify(service);
    return {
      deregister: async () => {
        if (this.set(service).get(node.id) === node) {
          this.set(service).delete(node.id);
          this.notify(service);
        }
      },
    };
  }

  /** The handler is called with the current nodes before watch() resolves, then after every change. */
  async watch(service: Service, handler: WatchHandler): Promise<Watch> {
    let hs = this.watchers.get(service);
    if (!hs) {
      hs = new Set();
      this.watchers.set(service, hs);
    }
    hs.add(handler);
    handler(this.list(service));
    const self = this;
    return {
      get nodes() {
        return self.list(service);
      },
      async close() {
        hs.delete(handler);
      },
    };
  }

  async close(): Promise<void> {
    this.watchers.clear();
  }
}
