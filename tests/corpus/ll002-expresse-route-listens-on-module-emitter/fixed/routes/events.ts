import { Router } from 'express';
import { sse, ISseResponse } from '@toverux/expresse';
import { jobEvents, JobEvent } from '../services/jobs';

export class EventsController {
  public readonly router = Router();

  constructor() {
    this.router.get('/:id/events', sse(), (req, res: ISseResponse) => {
      const jobId = req.params.id;
      const onJobEvent = (event: JobEvent) => {
        if (event.jobId === jobId) {
          res.sse.data(event);
        }
      };
      jobEvents.on('someEvent', onJobEvent);
      res.once('close', () => jobEvents.removeListener('someEvent', onJobEvent));
    });
  }
}
