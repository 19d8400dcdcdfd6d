const { start } = require("./start")

start({ workers: Number(process.env.WORKERS) || 0 })
