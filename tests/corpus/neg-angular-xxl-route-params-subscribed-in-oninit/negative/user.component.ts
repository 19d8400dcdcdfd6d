import { Component, OnInit } from '@angular/core';
import { ActivatedRoute } from '@angular/router';

import { RouteData, RouteParams } from './route.decorators';

@Component({
  selector: 'app-user',
  template: '<h1>{{ user?.name }} ({{ id }})</h1>',
})
export class UserComponent implements OnInit {
  @RouteParams('id', { observable: false }) id: string;
  @RouteData('user', { observable: false, inherit: true }) user: { name: string };

  constructor(private route: ActivatedRoute) {}

  ngOnInit(): void {
    console.log('user page', this.id);
  }
}
