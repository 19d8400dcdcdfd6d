import Cluster from './cluster';

export class Kuzzle {
  async start(clustered: boolean): Promise<void> {
    if (clustered) {
      await new Cluster().init();
    }
  }
}
