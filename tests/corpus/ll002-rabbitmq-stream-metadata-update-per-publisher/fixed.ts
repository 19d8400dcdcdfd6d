import { Connection } from "./connection"
import { StreamPublisher, Publisher } from "./publisher"

export interface DeclarePublisherParams {
  stream: string
  publisherRef?: string
}

export class Client {
  private publishers = new Map<string, { publisher: StreamPublisher; connection: Connection }>()

  public async declarePublisher(params: DeclarePublisherParams): Promise<Publisher> {
    const connection = await this.getConnection(params.stream, "publisher")
    const publisherId = connection.getNextPublisherId()
    await this.declarePublisherOnConnection(params, publisherId, connection)
    const publisher = new StreamPublisher({ connection, stream: params.stream, publisherId })
    // the connection keeps one 'metadata_update' handler and fires this once for the closed stream
    connection.onPublisherClosed(publisher.extendedId, params.stream, async () => {
      await publisher.close(false)
      this.publishers.delete(publisher.extendedId)
    })
    this.publishers.set(publisher.extendedId, { publisher, connection })
    return publisher
  }

  public async deletePublisher(extendedPublisherId: string) {
    const { publisher } = this.publishers.get(extendedPublisherId) ?? { publisher: undefined }
    await publisher?.close(true)
    this.publishers.delete(extendedPublisherId)
    return true
  }

  private async getConnection(streamName: string, purpose: "publisher" | "consumer"): Promise<Connection> {
    return ConnectionPool.getUsableCachedConnection(purpose, streamName) ?? (await Connection.connect({ streamName }))
  }

  private async declarePublisherOnConnection(params: DeclarePublisherParams, publisherId: number, connection: Connection) {
    await connection.sendAndWait({ type: "declare_publisher", stream: params.stream, publisherId })
  }
}

const ConnectionPool = {
  cache: new Map<string, Connection[]>(),
  getUsableCachedConnection(purpose: string, streamName: string): Connection | undefined {
    return (this.cache.get(`${purpose}:${streamName}`) ?? [])[0]
  },
}
