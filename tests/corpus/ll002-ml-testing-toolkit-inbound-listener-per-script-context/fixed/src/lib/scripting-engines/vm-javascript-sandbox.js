const InboundEventListener = require('../eventListenerClient/inboundEventListener').InboundEventListener

const generateContextObj = async (environmentObj = {}) => {
  const consoleOutObj = { stdOut: [] }
  const consoleFn = { log: (...args) => consoleOutObj.stdOut.push(args) }
  const inboundEvent = new InboundEventListener(consoleFn)
  await inboundEvent.init()
  return {
    ctx: { dispose: () => {} },
    environment: { ...environmentObj },
    inboundEvent,
    console: consoleFn,
    consoleOutObj
  }
}

module.exports = {
  generateContextObj
}
