import { Component, OnInit, Input, AfterViewInit } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { StateService } from '../../services/state.service';

@Component({
  selector: 'app-api-docs',
  templateUrl: './api-docs.component.html',
})
export class ApiDocsComponent implements OnInit, AfterViewInit {
  @Input() whichTab: string;
  desktopDocsNavPosition = "relative";

  constructor(
    private stateService: StateService,
    private route: ActivatedRoute,
  ) { }

  ngAfterViewInit() {
    const that = this;
    setTimeout( () => {
      if( this.route.snapshot.fragment ) {
        document.getElementById( this.route.snapshot.fragment )?.scrollIntoView();
      }
      // expect: LL002
      window.addEventListener('scroll', function() {
        that.desktopDocsNavPosition = ( window.pageYOffset > 182 ) ? "fixed" : "relative";
      }, { passive: true} );
    }, 1 );
  }

  ngOnInit(): void {
    this.whichTab = this.whichTab || 'rest';
  }
}
