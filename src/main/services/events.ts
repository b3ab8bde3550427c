import type { Events } from '../../shared/api';

export type EventListener = (event: string, payload: unknown) => void;

/**
 * Events main pushes to the renderer (the Electron shell forwards them to every window). They go
 * out after the call that raised them has answered (in the next turn of the event loop): the
 * window that made a change has its answer first, not news of its own change ahead of it.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    setImmediate(() => {
      for (const l of [...this.listeners]) {
        try {
          l(event, payload);
        } catch (err) {
          console.error(`event listener failed on ${event}:`, err);
        }
      }
    });
  }
}
