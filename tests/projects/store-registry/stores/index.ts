import RootStore from "./RootStore";

const stores = new RootStore();

export default stores;
