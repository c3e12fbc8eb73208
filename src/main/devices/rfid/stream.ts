// The resync loop shared by the RFID frame decoders: probe a frame at the head of the buffer,
// drop one byte on a bad frame, wait on a partial one, and give up on a partial one when the line
// goes idle (so a stray length byte cannot hold a real reply hostage). No Node imports.
import { ByteQueue } from '../bytes';

/** What a probe at the head of the buffer found. */
export const NEED = -1;
export const BAD = -2;

export abstract class FrameStream<E> {
  protected q = new ByteQueue();
  /** Bytes skipped while resyncing (garbage, bad checksums, implausible frames). */
  droppedBytes = 0;
  /** Frames that had a valid length and check but were dropped as implausible or misaddressed. */
  rejectedFrames = 0;
  framesOk = 0;

  /** Length of a complete valid frame at the head, or NEED / BAD. */
  protected abstract probe(): number;
  /** Turns a complete, checked frame (head..len) into events; null rejects it (resync). */
  protected abstract decode(len: number): E[] | null;
  /** Bytes that can be skipped in bulk because no frame can start there (default: none). */
  protected skipJunk(): number {
    return 0;
  }

  push(chunk: Uint8Array): E[] {
    this.q.push(chunk);
    return this.drain(false);
  }

  /** Call when the line has been quiet for a while: partial frames at the head are abandoned. */
  idle(): E[] {
    return this.drain(true);
  }

  reset(): void {
    this.q.clear();
  }

  get pending(): number {
    return this.q.length;
  }

  private drain(idle: boolean): E[] {
    const out: E[] = [];
    while (this.q.length) {
      const junk = this.skipJunk();
      if (junk) {
        this.q.drop(junk);
        this.droppedBytes += junk;
        continue;
      }
      const len = this.probe();
      if (len === NEED) {
        if (!idle) break;
        this.q.drop(1);
        this.droppedBytes++;
        continue;
      }
      if (len === BAD) {
        this.q.drop(1);
        this.droppedBytes++;
        continue;
      }
      const events = this.decode(len);
      if (!events) {
        this.rejectedFrames++;
        this.q.drop(1);
        this.droppedBytes++;
        continue;
      }
      this.framesOk++;
      this.q.drop(len);
      for (const e of events) out.push(e);
    }
    return out;
  }
}
