import { Component, type OnInit, type OnDestroy, Input } from '@angular/core';
import { EventDisplayService } from '../services/event-display.service';

@Component({
  selector: 'app-experiment-info',
  templateUrl: './experiment-info.component.html',
})
export class ExperimentInfoComponent implements OnInit, OnDestroy {
  experimentInfo: any[];
  @Input() url: string;
  private unsubscribe: () => void;

  constructor(private eventDisplay: EventDisplayService) {}

  ngOnInit(): void {
    this.unsubscribe = this.eventDisplay.listenToDisplayedEventChange(() => {
      this.experimentInfo = this.eventDisplay.getEventMetadata();
    });
  }

  ngOnDestroy(): void {
    this.unsubscribe?.();
  }
}
