/* global APP */

module.exports = {
  boot() {
    APP.lang = require('./localization').init()
    require('../jobs/sync-locales').schedule()
  }
}
