import { Component, OnInit, OnDestroy, Input, AfterViewInit } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { StateService } from '../../services/state.service';

@Component({
  selector: 'app-api-docs',
  templateUrl: './api-docs.component.html',
})
export class ApiDocsComponent implements OnInit, AfterViewInit, OnDestroy {
  @Input() whichTab: string;
  desktopDocsNavPosition = "relative";

  constructor(
    private stateService: StateService,
    private route: ActivatedRoute,
  ) { }

  ngAfterViewInit() {
    setTimeout( () => {
      if( this.route.snapshot.fragment ) {
        document.getElementById( this.route.snapshot.fragment )?.scrollIntoView();
      }
      window.addEventListener('scroll', this.onDocScroll, { passive: true });
    }, 1 );
  }

  ngOnInit(): void {
    this.whichTab = this.whichTab || 'rest';
  }

  ngOnDestroy(): void {
    window.removeEventListener('scroll', this.onDocScroll);
  }

  onDocScroll = () => {
    this.desktopDocsNavPosition = ( window.pageYOffset > 182 ) ? "fixed" : "relative";
  }
}
