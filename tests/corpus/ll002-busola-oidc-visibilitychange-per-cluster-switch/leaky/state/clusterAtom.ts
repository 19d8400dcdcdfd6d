import { atom } from 'jotai';

export type Cluster = { name: string; oidc: { issuerUrl: string; clientId: string } };

export const clusterAtom = atom<Cluster | null>(null);
