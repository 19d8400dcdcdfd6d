import { Region, StoreClient } from "store-sdk";

const clients: Partial<Record<Region, StoreClient>> = {};

const clientFor = (region: Region) => {
  if (!clients[region]) {
    clients[region] = new StoreClient(process.env.STORE_KEY as string, region);
  }
  return clients[region] as StoreClient;
};

export const receiptStatus = async (receiptId: string) => {
  try {
    return await clientFor(Region.PRIMARY).lookup(receiptId);
  } catch {
    return await clientFor(Region.FALLBACK).lookup(receiptId);
  }
};
