import PrefsStore from "./PrefsStore";
import SessionStore from "./SessionStore";

// Builds each store once, from the list of store classes.
export default class RootStore {
  [name: string]: unknown;

  constructor() {
    this.add(PrefsStore, "prefs");
    this.add(SessionStore, "session");
  }

  private add(StoreClass: any, name: string) {
    this[name] = new StoreClass(this);
  }
}
