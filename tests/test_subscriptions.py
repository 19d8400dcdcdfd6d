"""LL002: observable subscriptions, and the services Angular injects into a component.

Facts (leaklint/model/subscriptions.py), each with cases of both signs:
- `x.subscribe(fn)` / `x.subscribe({ next })` whose returned subscription is dropped is a registration
  nothing can remove; `subscribe('channel')` of a pub/sub client is not one;
- `.pipe(…)` / `.asObservable()` before `.subscribe()` subscribes to the source, unless an operator
  completes it (`take(1)`, `first()`, `takeUntil(this.destroy$)`, …);
- a constructor parameter property or `inject(T)` field of an Angular `@Component` / `@Directive` holds a
  service from an injector that outlives the component, and so do its members, one level deep; not a type
  the component provides itself, a `@Self()` parameter, or what Angular makes per component or per route;
- rxjs `interval()`, `timer(delay, period)` and `fromEvent(longLived, …)` never complete: their timer or
  target keeps every subscriber; `timer(delay)` completes, `fromEvent` on the component's own element dies
  with it;
- in a Vue options-API component, `this.$store` (Vuex) and the conventional app-wide buses `this.$bus`,
  `this.$eventBus`, `this.$eventHub` are shared by every component, like `this.$root`;
- a subclass of dioc's `Service` is one instance per container; an `on*` helper whose listener calls its
  own callback parameter subscribes for its caller (an event API), it does not handle an event.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL002"

COMPONENT = """
import {{ Component, OnInit, OnDestroy }} from '@angular/core';
import {{ DataService }} from '../data.service';

@Component({{ selector: 'app-list', template: ''{extra_options} }})
export class ListComponent implements OnInit {{
  items = [];
  constructor({params}) {{}}
  ngOnInit(): void {{
    {body}
  }}
  ngOnDestroy(): void {{
    {teardown}
  }}
}}
"""


def component(body: str, params: str = "private data: DataService", extra_options: str = "", teardown: str = "") -> str:
    return COMPONENT.format(body=body, params=params, extra_options=extra_options, teardown=teardown)


RX = """
import {{ Component, OnInit, ElementRef }} from '@angular/core';
import {{ interval, fromEvent, timer }} from 'rxjs';
import {{ map, takeUntil }} from 'rxjs/operators';

@Component({{ selector: 'app-clock', template: '' }})
export class ClockComponent implements OnInit {{
  constructor(private el: ElementRef) {{}}
  ngOnInit(): void {{
    {body}
  }}
}}
"""


def rx(body: str) -> str:
    return RX.format(body=body)


INVALID = [
    Invalid(
        component("this.data.items$.subscribe((items) => { this.items = items; });"),
        at=((9, 5),),
        why="a subscription to a member of an injected service, dropped in ngOnInit",
        lang="ts",
        message_contains="drops the subscription it returns",
    ),
    Invalid(
        component("this.data.items$.pipe(map((x) => x)).subscribe((items) => { this.items = items; });"),
        at=((9, 5),),
        why="a pipe with no completing operator still subscribes to the service's stream",
        lang="ts",
    ),
    Invalid(
        component("this.router.events.subscribe({ next: (e) => this.track(e) });", params="private router: Router"),
        at=((9, 5),),
        why="an observer object on the root Router's events",
        lang="ts",
    ),
    Invalid(
        """
        import { Component, inject } from '@angular/core';
        @Component({ selector: 'x', template: '' })
        export class X {
          private store = inject(Store);
          ngOnInit() { this.store.changes.subscribe(() => this.render()); }
        }
        """,
        at=((5, 16),),
        why="an inject() field is a service too",
        lang="ts",
    ),
    Invalid(
        component("this.data.changed.on('update', () => this.reload());"),
        at=((9, 5),),
        why="an EventEmitter member of an injected service: the listener stays after the component",
        lang="ts",
    ),
    Invalid(
        """
        import React from 'react';
        import store from './store';
        export class Counter extends React.Component {
          componentDidMount() {
            store.subscribe(() => this.setState({ n: store.getState().n }));
          }
          render() { return null; }
        }
        """,
        at=((5, 5),),
        why="a Redux store imported as a module: one subscriber more per mount",
        lang="tsx",
    ),
    Invalid(
        rx("interval(1000).subscribe(() => this.tick());"),
        at=((9, 5),),
        why="an rxjs interval never completes: its timer keeps the component",
        lang="ts",
    ),
    Invalid(
        rx("fromEvent(window, 'resize').pipe(map(() => window.innerWidth)).subscribe((w) => this.layout(w));"),
        at=((9, 5),),
        why="fromEvent on window through a pipe: window keeps the listener",
        lang="ts",
    ),
    Invalid(
        """
        export default {
          mounted() {
            this.$bus.$on('refresh', this.reload);
            this.$store.subscribe((mutation) => this.track(mutation));
          },
          methods: { reload() {}, track() {} },
        };
        """,
        at=((3, 5), (4, 5)),
        why="the app-wide bus and the Vuex store outlive the component that subscribes in mounted()",
    ),
    Invalid(
        """
        import { settingsStore } from './settings';
        export class Persistence {
          private setupSettings() { settingsStore.subject$.subscribe((s) => save(s)); }
          public setupLater() { this.setupSettings(); }
        }
        """,
        at=((3, 29),),
        why="a method of a class of unknown instance count: one subscriber per instance",
        lang="ts",
    ),
    Invalid(
        """
        import { Subject } from 'rxjs';
        const authEvents$ = new Subject();
        export const platform = {
          onTokenEvent(event) { authEvents$.subscribe(() => refresh(event.token)); },
        };
        """,
        at=((4, 25),),
        why="an on* handler whose parameter is event data subscribes on every event",
        lang="ts",
    ),
    Invalid(
        component("this.store.select(getUser).subscribe((u) => { this.user = u; });", params="private store: Store<State>"),
        at=((9, 5),),
        why="NgRx store.select(selector) is an endless stream of the injected store",
        lang="ts",
    ),
    Invalid(
        """
        import { useEffect } from 'react';
        import store from './store';
        export function Counter() {
          useEffect(() => {
            const unsubscribe = store.subscribe(() => render());
          }, []);
          return null;
        }
        """,
        at=((5, 25),),
        why="a local that holds the unsubscribe function and is never read keeps nothing",
        lang="tsx",
    ),
]

VALID = [
    Valid(
        component("this.data.items$.pipe(takeUntil(this.destroy$)).subscribe((items) => { this.items = items; });"),
        why="takeUntil ends the subscription when the component's notifier fires",
        lang="ts",
    ),
    Valid(
        component("this.data.items$.pipe(take(1)).subscribe((items) => { this.items = items; });"),
        why="take(1) completes after the first value",
        lang="ts",
    ),
    Valid(
        component("this.sub = this.data.items$.subscribe((items) => { this.items = items; });",
                  teardown="this.sub.unsubscribe();"),
        why="the subscription is kept and unsubscribed on destroy",
        lang="ts",
    ),
    Valid(
        component("this.subs.add(this.data.items$.subscribe((items) => { this.items = items; }));"),
        why="the subscription is handed to a container the component owns",
        lang="ts",
    ),
    Valid(
        component("this.route.params.subscribe((p) => this.load(p.id));", params="private route: ActivatedRoute"),
        why="ActivatedRoute is made per route activation; the router completes its observables",
        lang="ts",
    ),
    Valid(
        component("this.http.get('/api/items').subscribe((items) => { this.items = items; });",
                  params="private http: HttpClient"),
        why="an HTTP request's observable completes after its response",
        lang="ts",
    ),
    Valid(
        component("this.data.items$.subscribe((items) => { this.items = items; });",
                  extra_options=", providers: [DataService]"),
        why="a service the component provides itself is made for, and dies with, the component",
        lang="ts",
    ),
    Valid(
        component("this.data.items$.subscribe((items) => { this.items = items; });",
                  params="@Self() private data: DataService"),
        why="@Self() resolves from the component's own injector",
        lang="ts",
    ),
    Valid(
        """
        import { Injectable } from '@angular/core';
        @Injectable({ providedIn: 'root' })
        export class Poller {
          constructor(private data: DataService) {}
          start() { this.data.items$.subscribe((items) => this.cache(items)); }
        }
        """,
        why="a service's own constructor parameters are not a component's: the fact is for components",
        lang="ts",
    ),
    Valid(
        """
        const redis = require('redis');
        const sub = redis.createClient();
        app.get('/x', (req, res) => {
          sub.subscribe('news');
          res.end();
        });
        """,
        why="subscribe('channel') of a pub/sub client takes no callback",
    ),
    Valid(
        """
        import { useEffect } from 'react';
        import store from './store';
        export function Counter() {
          useEffect(() => store.subscribe(() => render()), []);
          return null;
        }
        """,
        why="the effect returns the unsubscribe function store.subscribe() gave",
        lang="tsx",
    ),
    Valid(
        """
        const { Readable } = require('stream');
        const source = new Readable({ read() {} });
        module.exports = function handle(req, res) {
          source.pipe(res).on('finish', () => {});
        };
        """,
        why="a Node stream's pipe() returns its destination, not an observable of the source",
    ),
    Valid(rx("timer(500).subscribe(() => this.tick());"), why="timer(delay) emits once and completes", lang="ts"),
    Valid(
        rx("interval(1000).pipe(takeUntil(this.destroy$)).subscribe(() => this.tick());"),
        why="takeUntil ends the interval's subscription",
        lang="ts",
    ),
    Valid(
        rx("fromEvent(this.el.nativeElement, 'click').subscribe(() => this.tick());"),
        why="fromEvent on the component's own element dies with the element",
        lang="ts",
    ),
    Valid(
        """
        import { interval } from './clock';
        export class C { handle(x) { interval(1000).subscribe(() => this.tick()); } }
        """,
        why="an `interval` that is not rxjs's",
        lang="ts",
    ),
    Valid(
        """
        export default {
          mounted() {
            this.$bus.$on('refresh', this.reload);
            this.unsubscribe = this.$store.subscribe((mutation) => this.track(mutation));
          },
          beforeDestroy() {
            this.$bus.$off('refresh', this.reload);
            this.unsubscribe();
          },
          methods: { reload() {}, track() {} },
        };
        """,
        why="$off with the same method on destroy; the store's unsubscribe is kept",
    ),
    Valid(
        """
        export default {
          mounted() { this.$children.forEach((c) => c.$on('x', this.reload)); this.$refs.list.$on('y', this.reload); },
          methods: { reload() {} },
        };
        """,
        why="child components and refs die with this component",
    ),
    Valid(
        """
        import { Service } from 'dioc';
        import { settingsStore } from './settings';
        export class Persistence extends Service {
          private setupSettings() { settingsStore.subject$.subscribe((s) => save(s)); }
          public setupLater() { this.setupSettings(); }
        }
        """,
        why="a dioc Service: the container makes one instance, whose methods run as its callers decide",
        lang="ts",
    ),
    Valid(
        """
        import { Subject } from 'rxjs';
        const authEvents$ = new Subject();
        export const platform = {
          onShouldReconnect(func) {
            authEvents$.subscribe((event) => { if (event.login) func(); });
          },
        };
        """,
        why="an on* helper whose listener calls its caller's callback is an event API, not a handler",
        lang="ts",
    ),
    Valid(
        component("document.querySelector('#altcha-widget').addEventListener('statechange', (e) => this.emit(e));"),
        why="in an Angular component the looked-up element is likely in its own template, made per instance",
        lang="ts",
    ),
    Valid(
        """
        import { useEffect } from 'react';
        import store from './store';
        export function Counter() {
          useEffect(() => {
            const unsubscribe = store.subscribe(() => render());
            return () => unsubscribe();
          }, []);
          return null;
        }
        """,
        why="the effect's cleanup calls the unsubscribe function it kept",
        lang="tsx",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_injected_service_is_named_and_medium():
    findings = run(component("this.data.items$.subscribe((items) => { this.items = items; });"), RULE, "ts")
    assert [f.confidence for f in findings] == ["medium"]
    assert any("`DataService` injected into Angular component `ListComponent`" in r.message for r in findings[0].related)


def test_a_dropped_subscription_gets_a_suggestion_without_edits():
    from leaklint.findings import Applicability

    [angular] = run(component("this.data.items$.subscribe((items) => { this.items = items; });"), RULE, "ts")
    assert angular.fix is not None and angular.fix.applicability is Applicability.DISPLAY_ONLY
    assert angular.fix.edits == () and "ngOnDestroy" in angular.fix.title
    redux_case = next(c for c in INVALID if "Redux" in c.why)
    [redux] = run(redux_case.code, RULE, redux_case.lang)
    assert redux.fix is not None and redux.fix.edits == () and "ngOnDestroy" not in redux.fix.title
