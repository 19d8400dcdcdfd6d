type Callback = (easterEgg: EasterEgg) => void;

interface EasterEgg {
  name: string;
  code: string[];
  onFound: () => void;
}

export class PaskaOvo {
  private keyboardEasterEggs: EasterEgg[] = [];
  private callbacks: Callback[] = [];
  private pressed: string[] = [];
  private keyListener?: (event: KeyboardEvent) => void;
  private touchStartListener?: (event: TouchEvent) => void;
  private touchEndListener?: (event: TouchEvent) => void;
  private touchStartX = 0;
  private controller = new AbortController();

  public addKeyboardEasterEgg(easterEgg: EasterEgg): this {
    this.keyboardEasterEggs.push(easterEgg);
    return this;
  }

  public addCallback(callback: Callback): this {
    this.callbacks.push(callback);
    return this;
  }

  private handleKeyEvent(event: KeyboardEvent) {
    this.pressed.push(event.key);
    if (this.pressed.length > 20) this.pressed.shift();
    for (const egg of this.keyboardEasterEggs) {
      if (this.pressed.slice(-egg.code.length).join() === egg.code.join()) {
        egg.onFound();
        this.callbacks.forEach((cb) => cb(egg));
      }
    }
  }

  private handleTouchStartEvent(event: TouchEvent) {
    this.touchStartX = event.changedTouches[0].screenX;
  }

  private handleTouchEndEvent(event: TouchEvent) {
    const dx = event.changedTouches[0].screenX - this.touchStartX;
    this.pressed.push(dx > 0 ? "swipe-right" : "swipe-left");
  }

  public listen() {
    if (this.keyListener || this.touchStartListener || this.touchEndListener) {
      this.stop();
    }
    this.keyListener = (event: KeyboardEvent) => this.handleKeyEvent(event);
    this.touchStartListener = (event: TouchEvent) => this.handleTouchStartEvent(event);
    this.touchEndListener = (event: TouchEvent) => this.handleTouchEndEvent(event);
    document.addEventListener("keyup", this.keyListener, {
      signal: this.controller.signal,
    });
    document.addEventListener("touchstart", this.touchStartListener, {
      signal: this.controller.signal,
    });
    document.addEventListener("touchend", this.touchEndListener, {
      signal: this.controller.signal,
    });
  }

  public stop() {
    if (this.keyListener || this.touchStartListener || this.touchEndListener) {
      this.controller.abort();
      this.keyListener = undefined;
      this.touchStartListener = undefined;
      this.touchEndListener = undefined;
    }
  }
}
