// The core's event stream (scans, job progress, data changes), fanned out to IPC and WebSocket.
export interface CoreEvent {
  type: string;
  payload: unknown;
  /** When set, only this user's connections receive it. */
  userId?: number;
}

export type EventListener = (event: CoreEvent) => void;

export class EventHub {
  private listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('event listener failed', err);
      }
    }
  }
}
