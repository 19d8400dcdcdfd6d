import UiStore from "./UiStore";

class RootStore {
  ui: UiStore;

  constructor() {
    this.ui = new UiStore(this);
  }
}

export default new RootStore();
