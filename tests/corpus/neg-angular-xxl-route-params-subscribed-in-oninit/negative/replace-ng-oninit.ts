export function replaceNgOnInit(prototype: { ngOnInit?(): void }, cb: () => void): void {
  const ngOnInit = prototype.ngOnInit;

  prototype.ngOnInit = function (...args: unknown[]): void {
    cb.call(this);

    if (ngOnInit) {
      ngOnInit.apply(this, args);
    }
  };
}
