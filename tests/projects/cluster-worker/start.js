const cluster = require("node:cluster")
const os = require("node:os")
const { serve } = require("./server")

function start(options) {
  if (cluster.isPrimary) {
    for (let index = 0; index < (options.workers || os.cpus().length); index++) {
      // each worker is told its index once, right after it is forked
      cluster.fork().send({ index })
    }
    cluster.on("exit", () => cluster.fork())
  } else {
    process.on("message", (message) => {
      serve(message.index === 0)
    })
  }
}

module.exports = { start }
