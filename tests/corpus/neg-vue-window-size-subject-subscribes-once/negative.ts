import { reactive } from 'vue';
import type { App } from 'vue';

export type WindowResizeObserver = (event: { width: number; height: number }) => void;

export class WindowResizeSubject {
  #observers: Map<string | symbol, WindowResizeObserver> = new Map();
  #delay: number;
  #timer: number | undefined;
  #subscribed = false;
  #handler: () => void;

  constructor(option?: { delay?: number }) {
    this.#delay = option?.delay ?? 33;
    this.#handler = this.#handleResize.bind(this);
  }

  addObserver(name: string | symbol, observer: WindowResizeObserver) {
    this.#observers.set(name, observer);
    observer(this.#getEvent());
    return this;
  }

  deleteObserver(name: string | symbol) {
    this.#observers.delete(name);
    return this;
  }

  subscribe() {
    if (typeof window === 'undefined') return this;
    if (this.#subscribed) return this;
    window.addEventListener('resize', this.#handler);
    window.addEventListener('orientationchange', this.#handler);
    this.#subscribed = true;
    return this;
  }

  unsubscribe() {
    if (!this.#subscribed) return this;
    window.removeEventListener('resize', this.#handler);
    window.removeEventListener('orientationchange', this.#handler);
    this.#subscribed = false;
    return this;
  }

  #getEvent() {
    return { width: window.innerWidth, height: window.innerHeight };
  }

  #handleResize() {
    clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => {
      const event = this.#getEvent();
      this.#observers.forEach((observer) => observer(event));
    }, this.#delay);
  }
}

export const createMixin = (getSubject: () => WindowResizeSubject) => {
  const vm = reactive({ width: 0, height: 0 });
  getSubject().addObserver('option-api', ({ width, height }) => {
    vm.width = width;
    vm.height = height;
  }).subscribe();

  return {
    computed: {
      $windowWidth() {
        return vm.width;
      },
      $windowHeight() {
        return vm.height;
      },
    },
  };
};

const subject = new WindowResizeSubject();

export const VueWindowSizePlugin = {
  install(app: App) {
    // every component gets $windowWidth; the subject and its listeners exist once
    app.mixin(createMixin(() => subject));
  },
};
