const http = require("node:http")

function serve(primaryWorker) {
  const server = http.createServer((req, res) => res.end("ok"))
  server.listen(3000)
  const stop = () => server.close(() => process.exit(0))
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
  if (primaryWorker) console.log("listening on 3000")
}

module.exports = { serve }
