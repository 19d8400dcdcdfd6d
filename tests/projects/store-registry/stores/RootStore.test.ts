import RootStore from "./RootStore";

describe("RootStore", () => {
  it("builds its stores", () => {
    const first = new RootStore();
    const second = new RootStore();
    expect(first.prefs).not.toBe(second.prefs);
  });
});
