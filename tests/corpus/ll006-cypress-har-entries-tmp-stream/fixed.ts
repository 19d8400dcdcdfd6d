import { WriteStream } from 'fs';
import { EOL } from 'os';
import { promisify } from 'util';
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
    const buffer = await this.fileManager.createTmpWriteStream();
    this.buffer = buffer;
    this.networkObservable = new NetworkObserver(options, this.connection);
    const write = promisify(buffer.write).bind(buffer) as (chunk: string) => Promise<void>;

    return this.networkObservable.subscribe(async (request: NetworkRequest) => {
      const entry = await new EntryBuilder(request).build();
      if (!buffer.closed) {
        // Wait until the entry has been handed to the file before taking the next one.
        await write(`${JSON.stringify(entry)}${EOL}`);
      }
    });
  }
}
