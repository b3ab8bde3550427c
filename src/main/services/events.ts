import type { Events } from '../../shared/api';

export type EventListener = (event: string, payload: unknown) => void;

/** Events main pushes to the renderer (the Electron shell forwards them to the window). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const l of [...this.listeners]) {
      try {
        l(event, payload);
      } catch (err) {
        console.error(`event listener failed on ${event}:`, err);
      }
    }
  }
}
