import MemberNode from './cluster';

// The server boots once and joins the cluster on a node made for the purpose.
export class Server {
  async boot(): Promise<void> {
    await new MemberNode().join();
  }
}
