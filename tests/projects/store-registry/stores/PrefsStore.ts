export default class PrefsStore {
  theme = "light";

  constructor(private root: unknown) {
    window.addEventListener("storage", this.onStorage);
  }

  onStorage = (event: StorageEvent) => {
    if (event.key === "theme") this.theme = event.newValue ?? "light";
  };
}
