import { Component, type OnInit, Input } from '@angular/core';
import { EventDisplayService } from '../services/event-display.service';

@Component({
  selector: 'app-experiment-info',
  templateUrl: './experiment-info.component.html',
})
export class ExperimentInfoComponent implements OnInit {
  experimentInfo: any[];
  @Input() url: string;

  constructor(private eventDisplay: EventDisplayService) {}

  ngOnInit(): void {
    this.eventDisplay.listenToDisplayedEventChange(() => {
      this.experimentInfo = this.eventDisplay.getEventMetadata();
    });
  }
}
