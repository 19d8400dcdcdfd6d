import { Injectable } from '@angular/core';
import { EventDisplay } from '../../event-display/src/event-display';

@Injectable({
  providedIn: 'root',
})
export class EventDisplayService extends EventDisplay {
  constructor() {
    super();
  }
}
