import { EventEmitter } from 'events';

export interface JobEvent {
  jobId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
}

// One emitter for the whole process; workers report progress through it.
export const jobEvents = new EventEmitter();

export function reportProgress(event: JobEvent): void {
  jobEvents.emit('someEvent', event);
}
