import { ipcMain, IpcMain, IpcMainEvent } from 'electron'
import { serializeError } from './errors'
import { RequestMessage, ReplyKind, ProxyDescriptor } from './common'

const servers: { [channel: string]: RequestDispatcher | null } = {}

export function exposeProxy<T>(target: T, descriptor: ProxyDescriptor, transport: IpcMain = ipcMain): () => void {
  const { channel } = descriptor
  if (servers[channel]) throw new Error(`channel ${channel} is taken`)
  const dispatcher = new RequestDispatcher(target)
  servers[channel] = dispatcher

  transport.on(channel, (event: IpcMainEvent, request: RequestMessage, correlationId: string) => {
    let { sender } = event
    const forget = () => { sender = null }
    sender.once('destroyed', forget)

    dispatcher.handle(request)
      .then((result) => {
        if (sender) {
          sender.send(correlationId, { kind: ReplyKind.Result, result })
          sender.removeListener('destroyed', forget)
        }
      })
      .catch((error) => {
        if (sender) {
          sender.send(correlationId, { kind: ReplyKind.Error, error: serializeError(error) })
          sender.removeListener('destroyed', forget)
        }
      })
  })

  return () => {
    transport.removeAllListeners(channel)
    servers[channel] = null
  }
}

class RequestDispatcher {
  constructor(private target: any) {}

  async handle(request: RequestMessage): Promise<any> {
    const member = this.target[request.propKey]
    return typeof member === 'function' ? member.apply(this.target, request.args) : member
  }
}
