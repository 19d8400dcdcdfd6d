export default class UiStore {
  theme = "light";

  constructor(private root: unknown) {
    window.addEventListener("storage", this.handleStorage);
    setInterval(() => this.refresh(), 60_000);
  }

  handleStorage = (event: StorageEvent) => {
    this.theme = event.newValue ?? "light";
  };

  refresh() {
    document.title = this.theme;
  }
}
