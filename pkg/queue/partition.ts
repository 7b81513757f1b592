// Rooms hash to P partitions, each its own topic: logic publishes a room's NORMAL messages to its partition's topic,
// and one job node at a time consumes a partition, so one sender's messages reach a room in the order sent.
import { ConfigError } from "../config/load";
import { fnv1a } from "../hash";

/** The same partition in every tier, for any P. */
export function partitionOf(roomID: string, partitions: number): number {
  return fnv1a(roomID) % partitions;
}

/** The topic of partition `p`: the base topic itself when there is one partition, `<base>.p<p>` otherwise. */
export function partitionTopic(base: string, partitions: number, p: number): string {
  return partitions === 1 ? base : `${base}.p${p}`;
}

/** Every partition's topic, in order. */
export function partitionTopics(base: string, partitions: number): string[] {
  return Array.from({ length: partitions }, (_, p) => partitionTopic(base, partitions, p));
}

/** NSQ takes topic names of 1–64 characters; a partition count must be 1–1024 and leave room for the suffix. */
export function checkPartitions(base: string, partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) {
    throw new ConfigError(`queue.partitions must be an integer from 1 to 1024, got ${partitions}`);
  }
  const longest = partitionTopic(base, partitions, partitions - 1);
  if (longest.length > 64)
    throw new Error(`queue.topicNormal "${base}" is too long for ${partitions} partitions (NSQ topics: 64 characters)`);
}
