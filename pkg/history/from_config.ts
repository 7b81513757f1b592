// Builds the history store a process's [history] section asks for, and reads its room rules.
import type { HistorySection } from "../config/common";
import type { History } from "./history";
import { MemoryHistory } from "./memory";
import { RedisHistory } from "./redis";
import { RetentionRules, type RetentionRule } from "./retention";

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** "<room prefix>* <max messages> <max age>" → a rule; throws with the rule's text on anything else. */
export function parseRule(text: string): RetentionRule {
  const m = /^\s*(\S*)\*\s+(\d+)\s+(\d+)([smhd])\s*$/.exec(text);
  if (!m) throw new Error(`history rule "${text}" is not "<room prefix>* <max messages> <max age>" (for example "user:* 1000 24h")`);
  return { prefix: m[1]!, maxMessages: Number(m[2]), maxAgeSec: Number(m[3]) * UNITS[m[4]!]! };
}

export function parseRules(rules: readonly string[]): RetentionRules {
  return new RetentionRules(rules.map(parseRule));
}

/**
 * The store for this process, or undefined when history is off. `standalone`: conn, logic and job share this process,
 * so "auto" means memory; a cluster node's "auto" means Redis, and memory is refused (its job would be the only
 * reader of what it wrote).
 */
export function historyFromConfig(section: HistorySection, cluster: string, standalone: boolean): History | undefined {
  const rules = parseRules(section.rules);
  const store = section.store === "auto" ? (standalone ? "memory" : "redis") : section.store;
  if (store === "off") return undefined;
  if (store === "memory") {
    if (!standalone) throw new Error(`history.store "memory" works only in standalone: a cluster's nodes share history through "redis"`);
    return new MemoryHistory(rules);
  }
  if (store === "redis") return new RedisHistory({ url: section.redisUrl, prefix: section.keyPrefix || `roomcast:${cluster}:`, rules });
  throw new Error(`history.store must be "auto", "memory", "redis" or "off", got "${section.store}"`);
}
