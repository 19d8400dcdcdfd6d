const EventEmitter = require('events')
class MyEmitter extends EventEmitter {}
const emitters = {
  data: {
    testOutbound: null,
    assertionRequest: null,
    assertionCallback: null,
    inboundRequest: null
  }
}

const getEmitter = (emitter, user) => {
  const context = user ? user.dfspId : 'data'
  if (!emitters[context]) {
    emitters[context] = {}
  }
  if (!emitters[context][emitter]) {
    emitters[context][emitter] = new MyEmitter()
  }
  return emitters[context][emitter]
}

module.exports = {
  getEmitter
}
