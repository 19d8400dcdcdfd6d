/* global APP */

const DAY = 24 * 60 * 60 * 1000

async function syncLocales() {
  const fresh = await APP.remote.fetchLocales()
  await APP.db.locales.upsertAll(fresh)
  await APP.lang.refreshNamespaces()
}

module.exports = {
  schedule() {
    setInterval(() => syncLocales().catch(err => APP.log.warn(err)), DAY)
  }
}
