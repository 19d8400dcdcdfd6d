import { OperatorFunction, Observable } from 'rxjs';
import { map } from 'rxjs/operators';

import { replaceNgOnInit } from './replace-ng-oninit';

export interface RouteXxlConfig {
  observable?: boolean;
  pipe?: OperatorFunction<any, any>[];
  inherit?: boolean;
}

function extractRoute(parent: any, routeProperty: string, inherit = false): Observable<any> {
  if (inherit) {
    while (parent.firstChild) {
      parent = parent.firstChild;
    }
  }
  return parent[routeProperty];
}

function extractValues(args: string[], stream$: Observable<any>): Observable<any> {
  return stream$.pipe(
    map(routeValues => {
      const values = args.reduce((data, arg) => {
        if (routeValues && routeValues[arg]) {
          data[arg] = routeValues[arg];
        }
        return data;
      }, {});
      return args.length === 1 ? values[args[0]] : values;
    }),
  );
}

function routeDecoratorFactory(routeProperty: string, args: any[], extractor): PropertyDecorator {
  const config = (typeof args[args.length - 1] === 'object' ? args.pop() : {}) as RouteXxlConfig;

  return (prototype: { ngOnInit(): void }, key: string): void => {
    if (!args.length) {
      args = [key.replace(/\$$/, '')];
    }

    replaceNgOnInit(prototype, function (): void {
      if (!this.route) {
        throw new Error(`${this.constructor.name} uses an angular-xxl decorator without a 'route: ActivatedRoute' property`);
      }

      let stream$ = extractor(this.route, routeProperty, config.inherit);
      stream$ = extractValues(args, stream$);

      if (config.pipe) {
        stream$ = stream$.pipe(...config.pipe);
      }

      if (config.observable === false) {
        stream$.subscribe(data => {
          this[key] = data;
        });
      } else {
        this[key] = stream$;
      }
    });
  };
}

export function RouteData(...args: (string | RouteXxlConfig)[]): PropertyDecorator {
  return routeDecoratorFactory('data', args, extractRoute);
}

export function RouteParams(...args: (string | RouteXxlConfig)[]): PropertyDecorator {
  return routeDecoratorFactory('params', args, extractRoute);
}
