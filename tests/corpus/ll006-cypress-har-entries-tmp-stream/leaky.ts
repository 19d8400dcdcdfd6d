import { WriteStream } from 'fs';
import { EOL } from 'os';
import { EntryBuilder } from './network/EntryBuilder';
import { NetworkObserver, NetworkRequest } from './network';
import { FileManager } from './utils/FileManager';
import { CRIConnection } from './cdp';

export class Plugin {
  private buffer?: WriteStream;
  private networkObservable?: NetworkObserver;

  constructor(private readonly fileManager: FileManager, private readonly connection: CRIConnection) {}

  public async recordHar(options: { content: boolean }): Promise<void> {
    await this.connection.open();
    await this.listenNetworkEvents(options);
  }

  private async listenNetworkEvents(options: { content: boolean }): Promise<void> {
    this.buffer = await this.fileManager.createTmpWriteStream();
    this.networkObservable = new NetworkObserver(options, this.connection);

    return this.networkObservable.subscribe(async (request: NetworkRequest) => {
      const entry = await new EntryBuilder(request).build();
      const entryStr = JSON.stringify(entry);
      // expect: LL006
      this.buffer.write(`${entryStr}${EOL}`);
    });
  }
}
