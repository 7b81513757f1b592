// Puts room batches into history before they are pushed, so each batch carries its epoch, first offset and ids and
// every member sees the same offsets. The appends of one turn go to the store together (one Redis pipeline); a store
// that fails leaves the batch as it was: live delivery goes on without positions, and the failure is counted.
import type { RoomBatch } from "@roomcast/pkg/link";
import type { Appended, History, RoomAppend } from "@roomcast/pkg/history";
import { TurnBatcher } from "@roomcast/pkg/batch";
import type { Logger } from "@roomcast/pkg/log";
import { Counter, type Registry } from "@roomcast/pkg/metrics";

export class HistoryWriter {
  private readonly appended: Counter<"result">;
  /** The store failed last time: logged once until it answers again. */
  private down = false;
  private readonly appends: TurnBatcher<string, RoomAppend, Appended>;

  constructor(
    private readonly history: History,
    private readonly log: Logger,
    registry: Registry,
  ) {
    this.appended = new Counter({
      name: "roomcast_job_history_messages_total",
      help: "messages put into room history (ok), or pushed without a position because the store failed (failed)",
      labelNames: ["result"],
      registers: [registry],
    });
    this.appends = new TurnBatcher((_key, rooms) => this.history.append(rooms), { maxItems: 500 });
  }

  /** Whether the room keeps history (the broadcast room and conn:<id> never do: RetentionRules). */
  keeps(room: string): boolean {
    return this.history.keeps(room);
  }

  /**
   * The batch stored, with its position and ids; as it was when the store failed. Never rejects. `messages` are the
   * batch's, unpacked, with each one's id and sender.
   */
  async store(batch: RoomBatch, messages: readonly Uint8Array[], ids: readonly string[], uids: readonly string[]): Promise<RoomBatch> {
    const level = batch.msgLv;
    const stored = messages.map((data, i) => ({ id: ids[i] ?? "", data, type: batch.types?.[i] ?? "", level, uid: uids[i] ?? "" }));
    try {
      const { epoch, first } = await this.appends.add("", { room: batch.roomID, messages: stored });
      this.appended.inc({ result: "ok" }, batch.count);
      if (this.down) this.log.info("history store answers again");
      this.down = false;
      return epoch ? { ...batch, epoch, first, ids } : batch;
    } catch (err) {
      this.appended.inc({ result: "failed" }, batch.count);
      if (!this.down)
        this.log.error({ err, roomID: batch.roomID }, "history.append failed: pushing without positions until the store answers");
      this.down = true;
      return batch;
    }
  }
}
