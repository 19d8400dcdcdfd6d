import { PassThrough } from 'node:stream'
import { Binary, BulkDataExport, Bundle, Resource } from '@medplum/fhirtypes'
import { getReferenceString } from '@medplum/core'
import { Repository } from '../../repo'
import { getBinaryStorage } from '../../storage'

const NDJSON = 'application/fhir+ndjson'

class NdjsonFileWriter {
  readonly binary: Binary
  private readonly stream: PassThrough
  private readonly upload: Promise<void>

  constructor(binary: Binary) {
    this.binary = binary
    this.stream = new PassThrough()
    this.upload = getBinaryStorage().writeBinary(binary, 'export.ndjson', NDJSON, this.stream)
  }

  async write(resource: Resource): Promise<void> {
    const accepted = this.stream.write(JSON.stringify(resource) + '\n')
    if (!accepted) {
      await new Promise<void>((resolve) => this.stream.once('drain', resolve))
    }
  }

  close(): Promise<void> {
    this.stream.end()
    return this.upload
  }
}

export class ExportJob {
  private readonly writers: Record<string, NdjsonFileWriter> = {}
  private readonly seen = new Set<string>()

  constructor(readonly repo: Repository, readonly since?: string) {}

  async writerFor(resourceType: string): Promise<NdjsonFileWriter> {
    let writer = this.writers[resourceType]
    if (!writer) {
      const binary = await this.repo.createResource<Binary>({ resourceType: 'Binary', contentType: NDJSON })
      writer = new NdjsonFileWriter(binary)
      this.writers[resourceType] = writer
    }
    return writer
  }

  async writeBundle(bundle: Bundle): Promise<void> {
    for (const entry of bundle.entry ?? []) {
      if (entry.resource) {
        await this.writeResource(entry.resource)
      }
    }
  }

  async writeResource(resource: Resource): Promise<void> {
    if (this.since !== undefined && (resource.meta?.lastUpdated as string) < this.since) return
    const ref = getReferenceString(resource)
    if (!this.seen.has(ref)) {
      const writer = await this.writerFor(resource.resourceType)
      await writer.write(resource)
      this.seen.add(ref)
    }
  }

  async finish(): Promise<Partial<BulkDataExport>> {
    for (const writer of Object.values(this.writers)) {
      await writer.close()
    }
    return { status: 'completed', transactionTime: new Date().toISOString() }
  }
}
