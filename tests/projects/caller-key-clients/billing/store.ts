import { StoreClient } from "store-sdk";

const clients: Record<string, StoreClient> = {};

const clientFor = (region: string) => {
  if (!clients[region]) {
    clients[region] = new StoreClient(process.env.STORE_KEY as string, region);
  }
  return clients[region] as StoreClient;
};

export const receiptStatus = async (receiptId: string, region: string) => {
  try {
    return await clientFor(region).lookup(receiptId);
  } catch {
    return await clientFor("PRIMARY").lookup(receiptId);
  }
};
