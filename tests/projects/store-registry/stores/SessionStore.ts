export default class SessionStore {
  token: string | null = null;

  constructor(private root: unknown) {
    window.addEventListener("storage", (event) => {
      if (event.key === "token") this.token = event.newValue;
    });
  }
}
